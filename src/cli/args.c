/* args.c: the options that build, check and watch share, read one way. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

int folio_cli_usage_error(const char *usage, const char *fmt, const char *arg)
{
	fprintf(stderr, "folio: error: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s", usage);
	return 2;
}

int folio_cli_args(int argc, char **argv, const char *usage, folio_build_options *o,
                   const char **out)
{
	*o = (folio_build_options){0};
	*out = NULL;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		bool has_next = i + 1 < argc;
		if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
			if (!has_next)
				return folio_cli_usage_error(usage, "%s needs a file name", a);
			*out = argv[++i];
		} else if (!strcmp(a, "--target")) {
			if (!has_next)
				return folio_cli_usage_error(usage, "%s needs print or screen", a);
			const char *v = argv[++i];
			if (!strcmp(v, "print"))
				o->target = 0;
			else if (!strcmp(v, "screen"))
				o->target = 1;
			else
				return folio_cli_usage_error(
				    usage, "unknown target '%s' (print or screen)", v);
		} else if (!strcmp(a, "--layout")) {
			if (!has_next)
				return folio_cli_usage_error(usage,
				                             "%s needs a layout name or file", a);
			o->layout = argv[++i];
		} else if (!strcmp(a, "--dump-layout")) {
			if (!has_next)
				return folio_cli_usage_error(usage, "%s needs a file name", a);
			o->dump_layout = argv[++i];
		} else if (!strcmp(a, "--report")) {
			o->report = true;
		} else if (!strcmp(a, "--draft")) {
			o->draft = true;
		} else if (!strcmp(a, "--guides")) {
			o->guides = true;
		} else if (!strcmp(a, "--allow-outside")) {
			o->allow_outside = true;
		} else if (a[0] == '-' && a[1]) {
			return folio_cli_usage_error(usage, "unknown option '%s'", a);
		} else if (!o->issue_path) {
			o->issue_path = a;
		} else {
			return folio_cli_usage_error(usage, "unexpected argument '%s'", a);
		}
	}
	if (!o->issue_path)
		return folio_cli_usage_error(usage, "%s", "no issue.yaml given");
	return 0;
}
