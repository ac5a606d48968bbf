/* fuzz_issue.c: libFuzzer harness for the issue loader: issue.yaml and one
 * Markdown body (split at a "---8<---" line, see fuzz_util.h) go through
 * folio_issue_load. A small PNG is always present as pic.png so that
 * pictures named by the YAML or the Markdown are decoded too. */
#include "fuzz_util.h"

#include "doc/doc.h"

#include <stdint.h>

static const unsigned char tiny_png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
    0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00,
    0x00, 0x3a, 0x7e, 0x9b, 0x55, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78,
    0x9c, 0x63, 0x68, 0x00, 0x00, 0x00, 0x82, 0x00, 0x81, 0x77, 0xcd, 0x72, 0xb6, 0x00,
    0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int once;
	if (!once) {
		fuzz_write(2, "pic.png", tiny_png, sizeof tiny_png);
		once = 1;
	}
	size_t ylen, mlen;
	const unsigned char *md;
	fuzz_split(data, size, &ylen, &md, &mlen);
	const char *yaml = fuzz_write(0, "issue.yaml", data, ylen);
	fuzz_write(1, "body.md", md, mlen);
	folio_ctx *ctx = folio_ctx_new();
	folio_load_options o = {0};
	folio_issue *issue = folio_issue_load(ctx, yaml, &o);
	if (issue && !folio_issue_check(issue))
		abort(); /* a loaded issue must satisfy the model's invariants */
	if (!issue && ctx->nerrors == 0)
		abort(); /* a refusal must say why */
	folio_ctx_drop(ctx);
	return 0;
}
