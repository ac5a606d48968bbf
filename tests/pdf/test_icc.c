/* test_icc.c: the sRGB profile compiled into folio (made by LittleCMS at
 * build time, src/pdf/iccgen.c) is a valid ICC profile LittleCMS reads
 * back as sRGB: an RGB display profile whose transform from XYZ gives
 * sRGB's primaries, with the fixed date that keeps builds repeatable. */
#include "../check.h"
#include "pdf/icc.h"

#include <lcms2.h>

int main(void)
{
	CHECK(folio_srgb_icc_len >= 128 && folio_srgb_icc_len < 4096);
	/* ICC.1 7.2: the size field, 'acsp', 2000-01-01 00:00:00 */
	const unsigned char *h = folio_srgb_icc;
	CHECK(((size_t)h[0] << 24 | (size_t)h[1] << 16 | (size_t)h[2] << 8 | h[3]) ==
	      folio_srgb_icc_len);
	CHECK(memcmp(h + 36, "acsp", 4) == 0);
	static const unsigned char date[12] = {0x07, 0xD0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0};
	CHECK(memcmp(h + 24, date, sizeof date) == 0);

	cmsHPROFILE p = cmsOpenProfileFromMem(folio_srgb_icc, (cmsUInt32Number)folio_srgb_icc_len);
	CHECK(p != NULL);
	if (!p)
		return 1;
	CHECK(cmsGetColorSpace(p) == cmsSigRgbData);
	CHECK(cmsGetDeviceClass(p) == cmsSigDisplayClass);
	/* red, green and blue at full strength land on sRGB's primaries */
	cmsHPROFILE xyz = cmsCreateXYZProfile();
	cmsHTRANSFORM t = cmsCreateTransform(p, TYPE_RGB_8, xyz, TYPE_XYZ_DBL,
	                                     INTENT_RELATIVE_COLORIMETRIC, 0);
	CHECK(t != NULL);
	static const unsigned char rgb[3][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}};
	/* D50-adapted sRGB primaries (ICC PCS), as in the sRGB profile's
	 * colorant tags */
	static const double want[3][3] = {
	    {0.4361, 0.2225, 0.0139}, {0.3851, 0.7169, 0.0971}, {0.1431, 0.0606, 0.7141}};
	for (int i = 0; t && i < 3; i++) {
		cmsCIEXYZ got;
		cmsDoTransform(t, rgb[i], &got, 1);
		CHECK_NEAR(got.X, want[i][0], 0.002);
		CHECK_NEAR(got.Y, want[i][1], 0.002);
		CHECK_NEAR(got.Z, want[i][2], 0.002);
	}
	if (t)
		cmsDeleteTransform(t);
	cmsCloseProfile(xyz);
	cmsCloseProfile(p);
	return check_failures ? 1 : 0;
}
