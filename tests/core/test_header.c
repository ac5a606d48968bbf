/* test_header.c: folio.h stands alone. */
#include "folio.h"

int main(void)
{
	folio_build_options o = {0};
	return o.draft ? 1 : 0;
}
