/* test_plan.c: the column planner on synthetic rows (no fonts needed):
 * grid, widows and orphans, headings kept with their text, floating
 * figures, pictures that wait for a column with room, the space under a
 * spanning title, overset and balancing. */
#include "../check.h"
#include "layout/lay.h"

#include <math.h>

/* A page 200 pt high with 20 pt margins and a 10 pt grid: 16 lines a column. */
static folio_template tmpl;
static folio_master master = {.name = "inner"};
static int pages[2] = {0, 0};

static folio_lay make_lay(folio_ctx *ctx)
{
	tmpl.page_width = 220;
	tmpl.page_height = 200;
	tmpl.margin_top = tmpl.margin_bottom = tmpl.margin_inner = tmpl.margin_outer = 20;
	tmpl.columns = 2;
	tmpl.gutter = 20;
	tmpl.baseline = 10;
	tmpl.masters = &master;
	tmpl.nmasters = 1;
	tmpl.pages = pages;
	tmpl.npages = 2;
	tmpl.widows = tmpl.orphans = 2;
	folio_lay L = {.ctx = ctx, .t = &tmpl, .col_w = 80};
	return L;
}

static void start(folio_lay *L, folio_cursor *cur)
{
	memset(cur, 0, sizeof *cur);
	cur->limit_page = -1;
	folio_page_geom_init(L, 0, &cur->geom);
	cur->y = cur->geom.top[0];
	cur->fresh_col = cur->fresh_page = true;
}

/* n grid lines of one paragraph with 2/2 widow and orphan marks. */
static void para(folio_row *r, int n)
{
	for (int i = 0; i < n; i++) {
		r[i] = (folio_row){.kind = FOLIO_ROW_LINE, .grid = true, .style = -1};
		r[i].keep_with_next = i < 1 || (n - 1 - i < 2 && i + 1 < n);
	}
	r[n - 1].keep_with_next = false;
}

static bool on_grid(double base)
{
	double k = (base - 20 - 7.5) / 10;
	return fabs(k - round(k)) < 1e-6;
}

static void test_fill_and_grid(folio_lay *L)
{
	folio_row rows[30];
	folio_slot slots[30];
	para(rows, 30);
	folio_cursor cur;
	start(L, &cur);
	folio_plan_rows(L, &cur, rows, 30, 0, slots);
	int col0 = 0, col1 = 0, off = 0;
	for (int i = 0; i < 30; i++) {
		col0 += slots[i].placed && slots[i].col == 0 && slots[i].page == 0;
		col1 += slots[i].placed && slots[i].col == 1 && slots[i].page == 0;
		off += !on_grid(slots[i].base);
	}
	CHECK(col0 == 16);
	CHECK(col1 == 14);
	CHECK(off == 0);
	/* side by side lines share their baselines */
	CHECK(fabs(slots[0].base - slots[16].base) < 1e-9);
}

static void test_orphan_and_widow(folio_lay *L)
{
	/* 15 lines fill a column but one; then a 5-line paragraph must not
	 * leave a single line at the foot. */
	folio_row rows[20];
	folio_slot slots[20];
	para(rows, 15);
	para(rows + 15, 5);
	folio_cursor cur;
	start(L, &cur);
	folio_plan_rows(L, &cur, rows, 20, 0, slots);
	CHECK(slots[15].col == 1 && slots[15].page == 0);
	/* 17 lines: 16 fit; the last line alone would be a widow: 15 + 2. */
	folio_row w[17];
	folio_slot ws[17];
	para(w, 17);
	start(L, &cur);
	folio_plan_rows(L, &cur, w, 17, 0, ws);
	int in0 = 0;
	for (int i = 0; i < 17; i++)
		in0 += ws[i].col == 0;
	CHECK(in0 == 15);
}

static void test_heading_kept(folio_lay *L)
{
	/* 14 lines, then a heading (kept with next) and a 4-line paragraph:
	 * the heading would fit at the foot, but not with two lines after it. */
	folio_row rows[19];
	folio_slot slots[19];
	para(rows, 14);
	rows[14] =
	    (folio_row){.kind = FOLIO_ROW_LINE, .h = 12, .ascent = 9, .keep_with_next = true};
	para(rows + 15, 4);
	folio_cursor cur;
	start(L, &cur);
	folio_plan_rows(L, &cur, rows, 19, 0, slots);
	CHECK(slots[14].col == 1);
	CHECK(slots[15].col == 1);
	CHECK(slots[14].top == 20); /* at the column's top, space dropped */
}

static void test_figure_floats(folio_lay *L)
{
	/* 10 lines, a 100 pt figure (does not fit in the 60 pt left), 6 lines:
	 * the text after it fills the column, the figure opens the next. */
	folio_row rows[17];
	folio_slot slots[17];
	para(rows, 10);
	rows[10] = (folio_row){.kind = FOLIO_ROW_IMAGE, .h = 100, .figure = true};
	for (int i = 0; i < 6; i++)
		rows[11 + i] = (folio_row){.kind = FOLIO_ROW_LINE, .grid = true};
	folio_cursor cur;
	start(L, &cur);
	folio_plan_rows(L, &cur, rows, 17, 0, slots);
	CHECK(slots[11].col == 0);
	CHECK(slots[16].col == 0);
	CHECK(slots[10].placed && slots[10].col == 1 && slots[10].top == 20);
}

/* A column made short (under an article's title: the flow starts at 120 of
 * 180): a 100 pt picture at its top would hang 40 pt out of it, over what
 * lies below; it waits for a column with the room, the next page's. */
static void test_picture_waits_for_room(folio_lay *L)
{
	folio_row rows[4];
	folio_slot slots[4];
	rows[0] = (folio_row){.kind = FOLIO_ROW_IMAGE, .h = 100, .keep_with_next = true};
	rows[1] = (folio_row){.kind = FOLIO_ROW_LINE, .grid = true}; /* its caption */
	rows[2] = (folio_row){.kind = FOLIO_ROW_LINE, .grid = true};
	rows[3] = (folio_row){.kind = FOLIO_ROW_LINE, .grid = true};
	folio_cursor cur;
	start(L, &cur);
	cur.geom.top[0] = cur.geom.top[1] = cur.y = 120;
	folio_plan_rows(L, &cur, rows, 4, 0, slots);
	CHECK(slots[0].placed && slots[0].page == 1 && slots[0].col == 0 && slots[0].top == 20);
	CHECK(slots[1].page == 1 && slots[1].top >= 120);
	/* a floating figure after two lines: deferred, then not forced into
	 * the short second column either */
	folio_row f[5];
	folio_slot fs[5];
	para(f, 2);
	f[2] = (folio_row){.kind = FOLIO_ROW_IMAGE, .h = 100, .figure = true};
	for (int i = 3; i < 5; i++)
		f[i] = (folio_row){.kind = FOLIO_ROW_LINE, .grid = true};
	start(L, &cur);
	cur.geom.top[0] = cur.geom.top[1] = cur.y = 120;
	folio_plan_rows(L, &cur, f, 5, 0, fs);
	CHECK(fs[0].page == 0 && fs[0].col == 0);
	CHECK(fs[2].placed && fs[2].page == 1 && fs[2].top == 20);
	/* on the last page no column has the room: it is not placed (overset,
	 * which the layout reports) rather than hung over the page's foot */
	start(L, &cur);
	cur.page = 1;
	cur.geom.top[0] = cur.geom.top[1] = cur.y = 120;
	folio_plan_rows(L, &cur, rows, 4, 0, slots);
	CHECK(!slots[0].placed && !slots[1].placed);
}

static void test_overset(folio_lay *L)
{
	folio_row rows[70];
	folio_slot slots[70];
	for (int i = 0; i < 70; i++)
		rows[i] = (folio_row){.kind = FOLIO_ROW_LINE, .grid = true};
	folio_cursor cur;
	start(L, &cur);
	folio_plan_rows(L, &cur, rows, 70, 0, slots);
	int unplaced = 0;
	for (int i = 0; i < 70; i++)
		unplaced += !slots[i].placed;
	CHECK(unplaced == 70 - 4 * 16);
}

static void test_balance(folio_lay *L)
{
	folio_row rows[10];
	folio_slot slots[10];
	para(rows, 10);
	folio_cursor cur, st;
	start(L, &cur);
	st = cur;
	folio_plan_rows(L, &cur, rows, 10, 0, slots);
	CHECK(slots[9].col == 0); /* unbalanced: all in the first column */
	folio_balance(L, &st, rows, 10, 0, slots, &cur);
	int in0 = 0;
	for (int i = 0; i < 10; i++)
		in0 += slots[i].col == 0;
	CHECK(in0 == 5);
	CHECK(fabs(slots[0].base - slots[5].base) < 1e-9);
}

/* A title spanning both columns, then one line: balancing leaves it in
 * the first column. (A foot above the line's bottom must not count as a
 * fit: forced at the top of the second column, the line went there.) */
static void test_balance_under_title(folio_lay *L)
{
	folio_row rows[2];
	folio_slot slots[2];
	rows[0] = (folio_row){.kind = FOLIO_ROW_LINE, .span = true, .h = 27, .ascent = 20,
	                      .keep_with_next = true};
	rows[1] = (folio_row){.kind = FOLIO_ROW_LINE, .grid = true, .space_before = 4};
	folio_cursor cur, st;
	start(L, &cur);
	st = cur;
	folio_plan_rows(L, &cur, rows, 2, 0, slots);
	CHECK(slots[1].col == 0);
	folio_balance(L, &st, rows, 2, 0, slots, &cur);
	CHECK(slots[0].placed && slots[0].col == -1);
	CHECK(slots[1].placed && slots[1].col == 0 && slots[1].page == 0);
}

/* Under a spanning title the columns start level. A paragraph's next line
 * at the head of the second column stands on the grid line where the first
 * column's text starts, not on the line right under the title (it stood a
 * grid line above the first column's first line). A heading there keeps
 * its own space before: it does not crowd the title. */
static void test_space_under_title(folio_lay *L)
{
	folio_row rows[16];
	folio_slot slots[16];
	rows[0] = (folio_row){.kind = FOLIO_ROW_LINE, .span = true, .h = 27, .ascent = 20,
	                      .keep_with_next = true};
	para(rows + 1, 12); /* fills the first column from 60 to 180 */
	rows[1].space_before = 4;
	rows[13] = (folio_row){.kind = FOLIO_ROW_LINE, .h = 12, .ascent = 9, .space_before = 9,
	                       .keep_with_next = true};
	para(rows + 14, 2);
	folio_cursor cur;
	start(L, &cur);
	folio_plan_rows(L, &cur, rows, 16, 0, slots);
	CHECK(fabs(slots[1].top - 60) < 1e-9);
	CHECK(slots[12].col == 0 && slots[13].page == 0 && slots[13].col == 1);
	CHECK(fabs(slots[13].top - (20 + 27 + 9)) < 1e-9);
	/* a paragraph running on into the second column */
	folio_row run[17];
	folio_slot at[17];
	run[0] = rows[0];
	para(run + 1, 16);
	run[1].space_before = 4;
	start(L, &cur);
	folio_plan_rows(L, &cur, run, 17, 0, at);
	CHECK(at[12].col == 0 && at[13].col == 1 && at[13].page == 0);
	CHECK(fabs(at[13].base - at[1].base) < 1e-9);
}

/* The space before a line on the grid gives up to a sixth of itself (2 pt
 * at most) rather than push the line a whole grid step down: under a
 * caption that ended a hair too low, the text stood 38 pt below it. */
static void test_space_gives_a_hair(folio_lay *L)
{
	folio_row rows[2];
	folio_slot slots[2];
	rows[0] = (folio_row){.kind = FOLIO_ROW_LINE, .h = 23.5, .ascent = 9}; /* ends at 43.5 */
	rows[1] = (folio_row){.kind = FOLIO_ROW_LINE, .grid = true, .space_before = 7};
	folio_cursor cur;
	start(L, &cur);
	folio_plan_rows(L, &cur, rows, 2, 0, slots);
	CHECK(fabs(slots[1].top - 50) < 1e-9); /* 43.5 + 7 = 50.5: a hair past 50 */
	rows[1].space_before = 9; /* 52.5, less 1.5: still past 50 */
	start(L, &cur);
	folio_plan_rows(L, &cur, rows, 2, 0, slots);
	CHECK(fabs(slots[1].top - 60) < 1e-9);
	rows[1].space_before = 30; /* gives 2 pt at most: 71.5 */
	start(L, &cur);
	folio_plan_rows(L, &cur, rows, 2, 0, slots);
	CHECK(fabs(slots[1].top - 80) < 1e-9);
}

/* The report's counts: a paragraph planned without its keep marks leaves
 * an orphan and a widow, and the tally sees both. */
static void test_quality_counts(folio_lay *L)
{
	static folio_line plain = {.npieces = 0};
	static folio_line hyph = {.npieces = 0, .hyphenated = true};
	folio_row rows[17];
	folio_slot slots[17];
	for (int i = 0; i < 17; i++) {
		rows[i] = (folio_row){.kind = FOLIO_ROW_LINE,
		                      .grid = true,
		                      .measure = 80,
		                      .line = &plain,
		                      .para = i < 13 ? 0 : 1,
		                      .line_no = i < 13 ? i : i - 13,
		                      .para_lines = i < 13 ? 13 : 4};
	}
	rows[3].line = rows[4].line = rows[5].line = &hyph;
	folio_cursor cur;
	start(L, &cur);
	cur.y += 10 * 2; /* 14 lines left: 13 + the second paragraph's first line */
	folio_plan_rows(L, &cur, rows, 17, 0, slots);
	folio_quality q[2] = {{0}};
	L->quality = q;
	folio_quality_tally(L, rows, 17, slots);
	CHECK(q[0].lines == 17);
	CHECK(q[0].orphans == 1);
	CHECK(q[0].widows == 0);
	CHECK(q[0].hyphenated == 3 && q[0].hyphen_run == 3);
	CHECK(q[0].off_grid == 0 && q[0].overfull == 0);
	/* 13 lines left for a 14-line paragraph: its last line goes alone to
	 * the head of the next column */
	start(L, &cur);
	cur.y += 10 * 3;
	for (int i = 0; i < 14; i++)
		rows[i].para = 0, rows[i].line_no = i, rows[i].para_lines = 14;
	folio_plan_rows(L, &cur, rows, 14, 0, slots);
	memset(q, 0, sizeof q);
	folio_quality_tally(L, rows, 14, slots);
	CHECK(q[0].widows == 1);
	L->quality = NULL;
}

int main(void)
{
	folio_ctx *ctx = folio_ctx_new();
	folio_lay L = make_lay(ctx);
	test_fill_and_grid(&L);
	test_orphan_and_widow(&L);
	test_heading_kept(&L);
	test_figure_floats(&L);
	test_picture_waits_for_room(&L);
	test_overset(&L);
	test_balance(&L);
	test_balance_under_title(&L);
	test_space_under_title(&L);
	test_space_gives_a_hair(&L);
	test_quality_counts(&L);
	folio_ctx_drop(ctx);
	CHECK_DONE();
}
