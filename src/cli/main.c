/* main.c: the command line: arguments, messages and exit codes of
 * FORMAT.md, and writing the PDF atomically. No layout logic here. */
#include "cli.h"
#include "core/core.h"
#include "folio.h"
#include "folio_config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char folio_usage[] =
    "usage: folio build ISSUE.yaml -o OUT.pdf [--target print|screen] [--layout NAME|FILE]\n"
    "                                         [--report] [--dump-layout FILE.json] [--draft] "
    "[--guides]\n"
    "                                         [--allow-outside]\n"
    "       folio check ISSUE.yaml [--layout NAME|FILE] [--allow-outside]\n"
    "       folio diff A.pdf B.pdf [--out DIR] [--dpi N]\n"
    "       folio watch ISSUE.yaml -o OUT.pdf [--target print|screen] [--layout NAME|FILE] "
    "[--draft] [--guides]\n"
    "       folio --help | --version\n";

static const char folio_help[] =
    "\n"
    "build   lay out the issue and write the PDF (print edition by default)\n"
    "check   validate and lay out; print the report; write nothing\n"
    "\n"
    "--guides  draw the layout's margins, columns and baseline grid over the pages (a proof)\n"
    "\n"
    "exit status: 0 done, 1 output trouble, 2 wrong input, 3 overset (content does not fit)\n";

static int folio_usage_error(const char *fmt, const char *arg)
{
	return folio_cli_usage_error(folio_usage, fmt, arg);
}

static void folio_print_diags(const folio_ctx *ctx)
{
	for (size_t i = 0; i < folio_diag_count(ctx); i++)
		fprintf(stderr, "%s\n", folio_diag_text(ctx, i));
}

/* Where a link (or a chain of them) at path leads, whether that file exists
 * or not: out, and true; false when path is no link or the chain is broken
 * off (a loop, a name too long). */
static bool folio_link_target(const char *path, char out[PATH_MAX])
{
	char cur[PATH_MAX];
	if ((size_t)snprintf(cur, sizeof cur, "%s", path) >= sizeof cur)
		return false;
	for (int hops = 0; hops <= 40; hops++) {
		struct stat lst;
		if (lstat(cur, &lst) != 0 || !S_ISLNK(lst.st_mode)) {
			memcpy(out, cur, sizeof cur);
			return hops > 0;
		}
		char to[PATH_MAX];
		ssize_t n = readlink(cur, to, sizeof to - 1);
		if (n < 0)
			return false;
		to[n] = '\0';
		char next[PATH_MAX];
		char *dup = strdup(cur);
		int len = to[0] == '/' ? snprintf(next, sizeof next, "%s", to)
		                       : snprintf(next, sizeof next, "%s/%s", dirname(dup), to);
		free(dup);
		if (len < 0 || (size_t)len >= sizeof next)
			return false;
		memcpy(cur, next, sizeof cur);
	}
	return false;
}

/* The temporary file beside the target that a build writes into, renamed
 * into place once the build succeeded, so a reader never sees half a PDF
 * and a failed build leaves the old one. It is an unnamed O_TMPFILE where
 * the file system has them (nothing to clean up if folio is killed), else
 * a hidden .folio-XXXXXX. */
int folio_out_open(const char *path, folio_out *out, bool quiet)
{
	*out = (folio_out){.fd = -1, .path = path, .target = path};
	struct stat st;
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			if (!quiet)
				fprintf(stderr, "%s: error: cannot write: it is a folder\n", path);
			return 1;
		}
		/* A rename would put a file where the device or pipe was (as
		 * root, over /dev/null itself). */
		if (!S_ISREG(st.st_mode)) {
			out->in_place = true;
			return 0;
		}
	} else if (errno != ENOENT) {
		/* a loop of links, a file where a folder should be: what opening
		 * it for writing would say */
		if (!quiet)
			fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
		return 1;
	}
	/* Through a link, the file it names is written (made, if it is not
	 * there yet) and the link kept. */
	if (folio_link_target(path, out->real))
		out->target = out->real;
	char *dup = strdup(out->target);
	snprintf(out->dir, sizeof out->dir, "%s", dirname(dup));
	free(dup);
	/* An unnamed file is named through /proc/self/fd: without /proc, a
	 * named temporary it is. O_TMPFILE takes the mode through the umask, as
	 * fopen's file would. */
	out->proc = access("/proc/self/fd", X_OK) == 0;
	out->fd = out->proc ? open(out->dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0666) : -1;
	if (out->fd >= 0)
		return 0;
	snprintf(out->tmp, sizeof out->tmp, "%s/.folio-XXXXXX", out->dir);
	out->fd = mkostemp(out->tmp, O_CLOEXEC);
	if (out->fd < 0) {
		if (!quiet)
			fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
		out->tmp[0] = '\0';
		return 1;
	}
	/* mkstemp makes the file 0600; give it what a plain fopen would. */
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(out->fd, 0666 & ~mask) != 0) {
		if (!quiet)
			fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
		folio_out_abandon(out);
		return 1;
	}
	return 0;
}

void folio_out_abandon(folio_out *out)
{
	if (out->fd >= 0)
		close(out->fd);
	if (out->tmp[0])
		unlink(out->tmp);
	out->fd = -1;
	out->tmp[0] = '\0';
}

/* Over an existing file, swap the two names and remove the old file.
 * Renaming over it would do the same for a reader, but ext4 then writes
 * the new file's data out before it returns (auto_da_alloc, meant for
 * programs that replace files without fsync): about 1 ms of a 10 ms
 * build. folio does not fsync either, as compilers and TeX do not; a
 * power cut in the next half minute may cost the new PDF, never a half of
 * one. False when there was nothing to exchange with (or no RENAME_EXCHANGE
 * on this file system): the caller renames. */
static bool folio_out_exchange(folio_out *out)
{
#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, out->tmp, AT_FDCWD, out->target, RENAME_EXCHANGE) != 0)
		return false;
	unlink(out->tmp); /* the old PDF, under the temporary name */
	out->tmp[0] = '\0';
	return true;
#else
	(void)out;
	return false;
#endif
}

int folio_out_commit(folio_out *out)
{
	bool ok = out->fd >= 0;
	if (ok && !out->tmp[0]) {
		/* name the unnamed file, then rename it over the target */
		char proc[64];
		snprintf(proc, sizeof proc, "/proc/self/fd/%d", out->fd);
		for (int i = 0; i < 100 && !out->tmp[0]; i++) {
			snprintf(out->tmp, sizeof out->tmp, "%s/.folio-%ld-%d", out->dir, (long)getpid(),
			         i);
			if (linkat(AT_FDCWD, proc, AT_FDCWD, out->tmp, AT_SYMLINK_FOLLOW) != 0) {
				out->tmp[0] = '\0';
				if (errno != EEXIST)
					break;
			}
		}
		ok = out->tmp[0] != '\0';
	}
	if (out->fd >= 0 && close(out->fd) != 0)
		ok = false;
	out->fd = -1;
	if (ok && folio_out_exchange(out))
		return 0;
	if (!ok || rename(out->tmp, out->target) != 0) {
		fprintf(stderr, "%s: error: cannot write: %s\n", out->path, strerror(errno));
		folio_out_abandon(out);
		return 1;
	}
	out->tmp[0] = '\0';
	return 0;
}

int folio_write_atomic(const char *path, const unsigned char *data, size_t len)
{
	folio_out out;
	if (folio_out_open(path, &out, false))
		return 1;
	if (out.in_place) {
		/* A device or a pipe has no length to cut: no O_TRUNC. */
		int fd = open(path, O_WRONLY | O_CLOEXEC);
		bool ok = fd >= 0 && folio_write_fd(fd, data, len);
		int err = ok ? 0 : errno;
		if (fd >= 0 && close(fd) != 0 && ok) {
			ok = false;
			err = errno;
		}
		if (ok)
			return 0;
		fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(err));
		return 1;
	}
	if (!folio_write_fd(out.fd, data, len)) {
		fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
		folio_out_abandon(&out);
		return 1;
	}
	return folio_out_commit(&out);
}

/* The output being built into, for the SIGBUS handler to remove. */
static folio_out *folio_building;

/* A picture or font mapped for the build and cut short meanwhile (see
 * core/guard.c): its message, the temporary file removed, and exit 2, as
 * for any input that cannot be read. Any other SIGBUS gets the default
 * action: the faulting read runs again once this returns. */
static void folio_on_sigbus(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	const char *msg = folio_guard_message(si->si_addr);
	if (!msg) {
		signal(sig, SIG_DFL);
		return;
	}
	ssize_t n = write(STDERR_FILENO, msg, strlen(msg));
	(void)n;
	if (folio_building && folio_building->tmp[0])
		unlink(folio_building->tmp);
	_exit(FOLIO_ERR_INPUT);
}

/* The PDF is written into its temporary file directly. Where that file
 * cannot be made the build still runs into memory, so that its messages
 * come first, as they would, and writing the bytes then says why it cannot. */
int folio_cli_build(folio_ctx *ctx, const folio_build_options *o, const char *out,
                    folio_cli_out *w)
{
	struct sigaction sa = {.sa_sigaction = folio_on_sigbus, .sa_flags = SA_SIGINFO};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, NULL);
	*w = (folio_cli_out){.path = out, .file = {.fd = -1}};
	if (!out)
		return folio_build(ctx, o, NULL, NULL);
	w->direct = folio_out_open(out, &w->file, true) == 0 && !w->file.in_place;
	folio_building = w->direct ? &w->file : NULL;
	return w->direct ? folio_build_fd(ctx, o, w->file.fd) : folio_build(ctx, o, &w->pdf, &w->len);
}

int folio_cli_finish(folio_cli_out *w, int status, bool write)
{
	folio_building = NULL;
	if (write)
		status = (w->direct ? folio_out_commit(&w->file)
		                    : folio_write_atomic(w->path, w->pdf, w->len))
		             ? 1
		             : 0;
	else if (w->direct)
		folio_out_abandon(&w->file);
	folio_pdf_free(w->pdf, w->len);
	w->pdf = NULL;
	w->len = 0;
	return status;
}

static int folio_cmd_build(int argc, char **argv, bool check)
{
	folio_build_options o;
	const char *out;
	int bad = folio_cli_args(argc, argv, folio_usage, &o, &out);
	if (bad)
		return bad;
	if (check) {
		if (out)
			return folio_usage_error("%s", "check writes nothing: -o is not allowed");
		o.report = true;
	} else if (!out) {
		return folio_usage_error("%s", "no output file given (-o OUT.pdf)");
	}

	folio_ctx *ctx = folio_ctx_new();
	folio_cli_out w;
	int status = folio_cli_build(ctx, &o, check ? NULL : out, &w);
	folio_print_diags(ctx);
	if (o.report && folio_report(ctx))
		fputs(folio_report(ctx), stdout);
	bool write = !check && (status == 0 || (status == 3 && o.draft));
	status = folio_cli_finish(&w, status, write);
	const char *dump = folio_dump(ctx);
	if (write && status == 0 && dump)
		status = folio_write_atomic(o.dump_layout, (const unsigned char *)dump, strlen(dump))
		             ? 1
		             : 0;
	folio_ctx_drop(ctx);
	return status;
}

/* folio diff is the program folio-diff beside this one (src/cli/diff.c),
 * run the way git runs its subcommands: only a diff loads poppler, cairo
 * and gobject, which otherwise cost every build ~6 ms of start-up. It
 * gets the same arguments; its status is diff's: 2 if it cannot be run. */
static int folio_cmd_diff(char **argv)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n < 0) {
		fprintf(stderr, "folio: error: /proc/self/exe: %s (folio diff runs folio-diff "
		                "from the folder of folio)\n",
		        strerror(errno));
		return 2;
	}
	self[n] = '\0';
	char path[PATH_MAX + sizeof "/folio-diff"];
	snprintf(path, sizeof path, "%s/folio-diff", dirname(self));
	/* argv[1] ("diff") becomes the program's own name; argv stays NULL-ended. */
	argv[1] = path;
	execv(path, argv + 1);
	fprintf(stderr, "folio: error: %s: cannot run it: %s (folio diff is that program, "
	                "built and installed beside folio)\n",
	        path, strerror(errno));
	return 2;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(folio_usage, stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		fputs(folio_usage, stdout);
		fputs(folio_help, stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("folio %s\n", FOLIO_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "build"))
		return folio_cmd_build(argc - 2, argv + 2, false);
	if (!strcmp(cmd, "check"))
		return folio_cmd_build(argc - 2, argv + 2, true);
	if (!strcmp(cmd, "diff"))
		return folio_cmd_diff(argv);
	if (!strcmp(cmd, "watch"))
		return folio_cli_watch(argc - 2, argv + 2);
	return folio_usage_error("unknown command '%s'", cmd);
}
