/* profile.h: an ICC profile made with LittleCMS for the tests that need a
 * picture's own profile (tests/pdf/make_jpeg.c, tests/load/
 * test_picture_pdf.c): Adobe RGB's primaries (or gray), gamma 2.2, of ICC
 * `version`, described as "folio test profile" so it can be found again in
 * a PDF. In malloc'd memory, *len bytes. */
#ifndef FOLIO_TEST_PROFILE_H
#define FOLIO_TEST_PROFILE_H

#include <lcms2.h>
#include <stdlib.h>

static unsigned char *folio_test_profile(int components, double version, size_t *len)
{
	cmsCIExyY white = {0.3127, 0.3290, 1.0};
	cmsCIExyYTRIPLE adobe = {{0.64, 0.33, 1.0}, {0.21, 0.71, 1.0}, {0.15, 0.06, 1.0}};
	cmsToneCurve *gamma = cmsBuildGamma(NULL, 2.2);
	cmsToneCurve *curves[3] = {gamma, gamma, gamma};
	cmsHPROFILE h = components == 3 ? cmsCreateRGBProfile(&white, &adobe, curves)
	                                : cmsCreateGrayProfile(&white, gamma);
	cmsMLU *desc = cmsMLUalloc(NULL, 1);
	cmsMLUsetASCII(desc, "en", "US", "folio test profile");
	cmsWriteTag(h, cmsSigProfileDescriptionTag, desc);
	cmsSetProfileVersion(h, version);
	cmsUInt32Number n = 0;
	cmsSaveProfileToMem(h, NULL, &n);
	unsigned char *mem = malloc(n);
	if (mem)
		cmsSaveProfileToMem(h, mem, &n);
	cmsMLUfree(desc);
	cmsFreeToneCurve(gamma);
	cmsCloseProfile(h);
	*len = n;
	return mem;
}

#endif
