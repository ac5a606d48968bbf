/* fuzz_build.c: libFuzzer harness for the whole build into memory: the
 * input is split into issue.yaml and body.md (see fuzz_util.h) and goes
 * through folio_build with the layouts and fonts of the source tree, into
 * the print edition or, for an input of odd size, the screen one. */
#include "fuzz_util.h"

#include "folio.h"
#include "folio_config.h"

#include <stdint.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("FOLIO_DATA_DIR", FOLIO_DEFAULT_DATA_DIR, 0);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t ylen, mlen;
	const unsigned char *md;
	fuzz_split(data, size, &ylen, &md, &mlen);
	const char *yaml = fuzz_write(0, "issue.yaml", data, ylen);
	fuzz_write(1, "body.md", md, mlen);
	folio_ctx *ctx = folio_ctx_new();
	/* both editions: the screen one (tags, resampling) for inputs of odd size */
	folio_build_options o = {.issue_path = yaml, .draft = true, .target = (int)(size & 1)};
	unsigned char *pdf = NULL;
	size_t len = 0;
	int rc = folio_build(ctx, &o, &pdf, &len);
	if (rc < 0 || rc > 3)
		abort();
	if (rc != 0 && rc != 3 && folio_diag_count(ctx) == 0)
		abort(); /* a failure must say why */
	folio_pdf_free(pdf, len);
	folio_ctx_drop(ctx);
	return 0;
}
