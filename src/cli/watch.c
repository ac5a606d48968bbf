/* watch.c: folio watch ISSUE.yaml -o OUT.pdf: build once, then again each
 * time a file of the issue or its layout changes. Owns the inotify loop,
 * the choice of folders to watch and the one-line build log. */
#include "cli.h"
#include "folio.h"
#include "template/template.h"

#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Editors save in bursts (write a temporary, rename, touch), each a few
 * events within a millisecond: build once the folders have been quiet this
 * long, so one save makes one build. */
#define FOLIO_WATCH_QUIET_MS 8
/* An input deleted, or renamed to a name that is never an input (a backup,
 * a hidden file), is mostly one being saved: the new file is written next.
 * Wait this long for it to come back before a build that would say it is
 * missing. A file renamed to another input's name (a temporary put into
 * place) is not waited for. */
#define FOLIO_WATCH_RETURN_MS 400
/* Inputs gone and not yet back that are remembered by name; more than this
 * in one save are waited for as the others are, up to the same time. */
#define FOLIO_WATCH_MAX_GONE 16
/* An issue folder is a few folders deep; a runaway tree is not watched whole. */
#define FOLIO_WATCH_MAX_DIRS 256
#define FOLIO_WATCH_MAX_DEPTH 4

static const char folio_watch_usage[] =
    "usage: folio watch ISSUE.yaml -o OUT.pdf [--target print|screen] [--layout NAME|FILE]\n"
    "                                         [--draft] [--guides] [--allow-outside]\n";

typedef struct folio_watch {
	int fd; /* inotify */
	struct {
		int wd;
		char *path;
	} dirs[FOLIO_WATCH_MAX_DIRS];
	size_t ndirs;
	char *out_dir; /* realpath of the PDF's folder, to ignore our own writes */
	const char *out_name;
	/* names deleted or renamed away since the last build, not yet back */
	struct {
		int wd;
		uint32_t cookie; /* of a rename, pairing it with where it went */
		char name[NAME_MAX + 1];
	} gone[FOLIO_WATCH_MAX_GONE];
	size_t ngone;
	bool gone_overflow; /* more went than gone[] holds */
	/* the pages' digests of the last PDF written (malloc'd), or NULL */
	uint64_t *digests;
	size_t ndigests;
} folio_watch;

static double folio_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void folio_watch_dir(folio_watch *w, const char *path, int depth)
{
	if (w->ndirs == FOLIO_WATCH_MAX_DIRS)
		return;
	char *real = realpath(path, NULL);
	if (!real)
		return;
	/* a folder watched already is walked again all the same: a subfolder
	 * made since joins the watch */
	bool known = false;
	for (size_t i = 0; i < w->ndirs && !known; i++)
		known = !strcmp(w->dirs[i].path, real);
	if (!known) {
		int wd = inotify_add_watch(w->fd, real,
		                           IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM |
		                               IN_DELETE | IN_CREATE | IN_ONLYDIR);
		if (wd < 0) {
			free(real);
			return;
		}
		w->dirs[w->ndirs].wd = wd;
		w->dirs[w->ndirs].path = real;
		w->ndirs++;
	}
	DIR *d = depth < FOLIO_WATCH_MAX_DEPTH ? opendir(real) : NULL;
	if (!d) {
		if (known)
			free(real);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		size_t n = strlen(real) + strlen(e->d_name) + 2;
		char *sub = malloc(n);
		snprintf(sub, n, "%s/%s", real, e->d_name);
		struct stat st;
		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			folio_watch_dir(w, sub, depth + 1);
		free(sub);
	}
	closedir(d);
	if (known)
		free(real);
}

/* The issue's folder (articles, pictures, a layout file named by path) with
 * its subfolders, and the folder of layouts by name or the --layout file.
 * Called again after each build, so new subfolders join the watch. */
static void folio_watch_scan(folio_watch *w, const char *issue, const char *layout)
{
	char *dup = strdup(issue);
	folio_watch_dir(w, dirname(dup), 0);
	free(dup);
	if (layout && (strchr(layout, '/') || strstr(layout, ".yaml"))) {
		dup = strdup(layout);
		folio_watch_dir(w, dirname(dup), FOLIO_WATCH_MAX_DEPTH);
		free(dup);
	} else {
		size_t n = strlen(folio_data_dir()) + 16;
		char *dir = malloc(n);
		snprintf(dir, n, "%s/layouts", folio_data_dir());
		folio_watch_dir(w, dir, FOLIO_WATCH_MAX_DEPTH);
		free(dir);
	}
}

/* Names that are never inputs: our own PDF and its temporary, hidden files
 * (.folio-*, .swp, .#lock), backups (~) and vim's write test "4913". */
static bool folio_watch_ignored(const folio_watch *w, int wd, const char *name)
{
	size_t n = strlen(name);
	if (!n || name[0] == '.' || name[n - 1] == '~' || !strcmp(name, "4913"))
		return true;
	if (!strcmp(name, w->out_name)) {
		for (size_t i = 0; i < w->ndirs; i++)
			if (w->dirs[i].wd == wd && w->out_dir && !strcmp(w->dirs[i].path, w->out_dir))
				return true;
	}
	return false;
}

/* A name that went (deleted, renamed away) is remembered until a file of
 * that name is written or renamed into place again, or the rename is seen to
 * have given it another input's name. */
static void folio_watch_went(folio_watch *w, int wd, uint32_t cookie, const char *name)
{
	for (size_t i = 0; i < w->ngone; i++)
		if (w->gone[i].wd == wd && !strcmp(w->gone[i].name, name))
			return;
	if (w->ngone == FOLIO_WATCH_MAX_GONE || strlen(name) > NAME_MAX) {
		w->gone_overflow = true;
		return;
	}
	w->gone[w->ngone].wd = wd;
	w->gone[w->ngone].cookie = cookie;
	strcpy(w->gone[w->ngone].name, name);
	w->ngone++;
}

static void folio_watch_came(folio_watch *w, int wd, uint32_t cookie, const char *name)
{
	for (size_t i = 0; i < w->ngone;) {
		if ((w->gone[i].wd == wd && !strcmp(w->gone[i].name, name)) ||
		    (cookie && w->gone[i].cookie == cookie))
			w->gone[i] = w->gone[--w->ngone];
		else
			i++;
	}
}

/* Drain the inotify queue; true if an input may have changed. */
static bool folio_watch_read(folio_watch *w)
{
	char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool changed = false;
	for (;;) {
		ssize_t len = read(w->fd, buf, sizeof buf);
		if (len <= 0)
			return changed;
		for (char *p = buf; p < buf + len;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			p += sizeof *ev + ev->len;
			if (ev->mask & IN_Q_OVERFLOW) {
				changed = true;
				continue;
			}
			if (!ev->len || folio_watch_ignored(w, ev->wd, ev->name))
				continue;
			/* A new plain file is announced again when it is closed. */
			if ((ev->mask & IN_CREATE) && !(ev->mask & IN_ISDIR))
				continue;
			if (!(ev->mask & IN_ISDIR) && (ev->mask & (IN_DELETE | IN_MOVED_FROM)))
				folio_watch_went(w, ev->wd, ev->cookie, ev->name);
			if (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO))
				folio_watch_came(w, ev->wd, ev->cookie, ev->name);
			changed = true;
		}
	}
}

/* After the first event of a change: read on until the folders are quiet,
 * waiting longer while an input that went is not back. False on a signal. */
static bool folio_watch_settle(folio_watch *w, struct pollfd p[2])
{
	double start = folio_now_ms();
	for (;;) {
		int ms = FOLIO_WATCH_QUIET_MS;
		if (w->ngone || w->gone_overflow) {
			double left = FOLIO_WATCH_RETURN_MS - (folio_now_ms() - start);
			ms = left > ms ? (int)left : ms;
		}
		int r = poll(p, 2, ms);
		if (r < 0 && errno == EINTR)
			continue;
		if (r > 0 && p[1].revents)
			return false;
		if (r <= 0)
			break;
		folio_watch_read(w);
	}
	w->ngone = 0;
	w->gone_overflow = false;
	return true;
}

/* ", page 3 changed", ", pages 1, 3-4 changed", ", no page changed": the
 * new PDF's pages against the last one's (all of them when their number
 * changed). Nothing for the first PDF. */
static void folio_watch_changes(folio_watch *w, const folio_ctx *ctx)
{
	size_t n;
	const uint64_t *now = folio_page_digests(ctx, &n);
	if (!now)
		return;
	if (w->digests) {
		bool all = n != w->ndigests;
		size_t changed = 0, len = 0;
		char list[256] = "";
		for (size_t i = 0; i < n; i++) {
			if (!all && now[i] == w->digests[i])
				continue;
			size_t last = i; /* a run of changed pages, i to last */
			while (last + 1 < n && (all || now[last + 1] != w->digests[last + 1]))
				last++;
			const char *sep = changed ? ", " : "";
			if (len < sizeof list - 48 && last > i)
				len += (size_t)snprintf(list + len, sizeof list - len, "%s%zu-%zu", sep,
				                        i + 1, last + 1);
			else if (len < sizeof list - 48)
				len += (size_t)snprintf(list + len, sizeof list - len, "%s%zu", sep, i + 1);
			changed += last - i + 1;
			i = last;
		}
		if (changed)
			printf(", page%s %s changed", changed == 1 ? "" : "s", list);
		else
			printf(", no page changed");
	}
	free(w->digests);
	w->digests = folio_xmalloc(n * sizeof *now);
	memcpy(w->digests, now, n * sizeof *now);
	w->ndigests = n;
}

/* One build and its line. A build that failed while an input changed
 * under it (a file read half written: an editor truncates, then writes)
 * says nothing: false, and the next build, straight after, has the word. */
static bool folio_watch_build(folio_watch *wt, const folio_build_options *o, const char *out)
{
	double t0 = folio_now_ms();
	folio_ctx *ctx = folio_ctx_new();
	folio_cli_out w;
	int status = folio_cli_build(ctx, o, out, &w);
	if (status != 0 && !(status == 3 && o->draft) && folio_watch_read(wt)) {
		folio_cli_finish(&w, status, false);
		folio_ctx_drop(ctx);
		return false;
	}
	size_t ndiag = folio_diag_count(ctx);
	for (size_t i = 0; i < ndiag; i++)
		fprintf(stderr, "%s\n", folio_diag_text(ctx, i));
	bool write = status == 0 || (status == 3 && o->draft);
	if (folio_cli_finish(&w, status, write) == 1 && write)
		status = 1;
	double ms = folio_now_ms() - t0;
	time_t now = time(NULL);
	char clock[16];
	strftime(clock, sizeof clock, "%H:%M:%S", localtime(&now));
	if (write && status != 1)
		printf("%s built %s in %.0f ms", clock, out, ms);
	else
		printf("%s FAILED (exit status %d) in %.0f ms, %s unchanged", clock, status, ms, out);
	printf(", %zu message%s", ndiag, ndiag == 1 ? "" : "s");
	if (write && status != 1)
		folio_watch_changes(wt, ctx);
	putchar('\n');
	fflush(stdout);
	fflush(stderr);
	folio_ctx_drop(ctx);
	return true;
}

static int folio_watch_usage_error(const char *fmt, const char *arg)
{
	return folio_cli_usage_error(folio_watch_usage, fmt, arg);
}

int folio_cli_watch(int argc, char **argv)
{
	folio_build_options o;
	const char *out;
	int bad = folio_cli_args(argc, argv, folio_watch_usage, &o, &out);
	if (bad)
		return bad;
	if (!out)
		return folio_watch_usage_error("%s", "no output file given (-o OUT.pdf)");
	o.read_inputs = true;
	o.page_digests = true;

	/* SIGINT and SIGTERM arrive through a descriptor, so a signal during a
	 * build lets the build and its atomic write finish first. */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	int sfd = signalfd(-1, &sigs, SFD_CLOEXEC);
	folio_watch w = {.fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)};
	if (w.fd < 0 || sfd < 0) {
		fprintf(stderr, "folio: error: cannot watch files: %s\n", strerror(errno));
		return 1;
	}
	char *dup = strdup(out);
	w.out_dir = realpath(dirname(dup), NULL);
	free(dup);
	dup = strdup(out);
	w.out_name = strdup(basename(dup));
	free(dup);

	/* fonts and hyphenation from one build to the next: a rebuild shapes
	 * and hyphenates only the words it has not seen */
	o.keep = folio_keep_new();
	folio_watch_scan(&w, o.issue_path, o.layout);
	printf("folio watch: %s -> %s (%zu folders watched; Ctrl-C stops)\n", o.issue_path, out,
	       w.ndirs);
	fflush(stdout);
	bool again = !folio_watch_build(&w, &o, out);

	for (;;) {
		struct pollfd p[2] = {{.fd = w.fd, .events = POLLIN}, {.fd = sfd, .events = POLLIN}};
		if (!again) {
			if (poll(p, 2, -1) < 0) {
				if (errno == EINTR)
					continue;
				break;
			}
			if (p[1].revents)
				break;
			if (!folio_watch_read(&w))
				continue;
		}
		if (!folio_watch_settle(&w, p))
			break;
		folio_watch_scan(&w, o.issue_path, o.layout);
		again = !folio_watch_build(&w, &o, out);
	}
	printf("folio watch: stopped\n");
	folio_keep_drop(o.keep);
	free(w.digests);
	for (size_t i = 0; i < w.ndirs; i++)
		free(w.dirs[i].path);
	free(w.out_dir);
	free((char *)w.out_name);
	close(w.fd);
	close(sfd);
	return 0;
}
