/* main.c: the command line: arguments, messages and exit codes of
 * FORMAT.md, and writing the PDF atomically. No layout logic here. */
#include "cli.h"
#include "folio.h"
#include "folio_config.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char folio_usage[] =
    "usage: folio build ISSUE.yaml -o OUT.pdf [--target print|screen] [--layout NAME|FILE]\n"
    "                                         [--report] [--dump-layout FILE.json] [--draft] "
    "[--allow-outside]\n"
    "       folio check ISSUE.yaml [--layout NAME|FILE] [--allow-outside]\n"
    "       folio diff A.pdf B.pdf [--out DIR] [--dpi N]\n"
    "       folio watch ISSUE.yaml -o OUT.pdf [--target print|screen] [--layout NAME|FILE] "
    "[--draft]\n"
    "       folio --help | --version\n";

static const char folio_help[] =
    "\n"
    "build   lay out the issue and write the PDF (print edition by default)\n"
    "check   validate and lay out; print the report; write nothing\n"
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

/* Write to a temporary file beside the target and rename it into place, so
 * a reader never sees half a PDF and a failed build leaves the old one. */
int folio_write_atomic(const char *path, const unsigned char *data, size_t len)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		fprintf(stderr, "%s: error: cannot write: it is a folder\n", path);
		return 1;
	}
	char *dup = strdup(path);
	const char *dir = dirname(dup);
	size_t n = strlen(dir) + 32;
	char *tmp = malloc(n);
	snprintf(tmp, n, "%s/.folio-XXXXXX", dir);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
		free(tmp);
		free(dup);
		return 1;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		off += (size_t)w;
	}
	/* mkstemp makes the file 0600; give it what a plain fopen would. */
	mode_t mask = umask(0);
	umask(mask);
	int ok = off == len && fchmod(fd, 0666 & ~mask) == 0;
	if (close(fd) != 0)
		ok = 0;
	if (!ok || rename(tmp, path) != 0) {
		fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		free(dup);
		return 1;
	}
	free(tmp);
	free(dup);
	return 0;
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
	unsigned char *pdf = NULL;
	size_t len = 0;
	int status = folio_build(ctx, &o, check ? NULL : &pdf, &len);
	folio_print_diags(ctx);
	if (o.report && folio_report(ctx))
		fputs(folio_report(ctx), stdout);
	if ((status == 0 || (status == 3 && o.draft)) && !check) {
		status = folio_write_atomic(out, pdf, len) ? 1 : 0;
		const char *dump = folio_dump(ctx);
		if (status == 0 && dump)
			status = folio_write_atomic(o.dump_layout, (const unsigned char *)dump,
			                            strlen(dump))
			             ? 1
			             : 0;
	}
	folio_pdf_free(pdf, len);
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
