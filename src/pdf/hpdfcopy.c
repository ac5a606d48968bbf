/* hpdfcopy.c: libharu copies every byte it buffers (page contents, the
 * pictures' compressed data, the whole file at the end) with HPDF_MemCpy and
 * HPDF_MemSet, loops of one byte per turn; on the sample that was 36 M
 * instructions, more than all of the page drawing. libharu calls them through
 * its PLT (Debian's build binds nothing at link time), so these definitions,
 * exported from the executable, take their place for every caller: the same
 * contracts (each returns the end of what it wrote) on
 * libc's memcpy and memset. Nothing else of libharu is replaced. */
#include <hpdf.h>
#include <hpdf_utils.h>
#include <string.h>

HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
	memcpy(out, in, n);
	return out + n;
}

void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
	memset(s, c, n);
	return (HPDF_BYTE *)s + n;
}
