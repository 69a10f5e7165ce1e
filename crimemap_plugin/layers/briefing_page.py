"""The briefing page's measures: the A4 page, its columns, its type sizes and its colours (mm and pt)."""

PAGE_W, PAGE_H = 297.0, 210.0
MARGIN = 10.0
CONTENT_TOP = 34.0                  # below the title, the headline and the period line
FOOTER_TOP = PAGE_H - 12.0
CONTENT_BOTTOM = FOOTER_TOP - 2.5
LEFT_W = 174.0                      # the map's column
RIGHT_X = MARGIN + LEFT_W + 6.0
RIGHT_W = PAGE_W - MARGIN - RIGHT_X
TABLE_TOP = CONTENT_TOP + 5.5
TREND_MIN, TREND_MAX = 42.0, 110.0   # the trend's height, mm: what the text below leaves, within these
GAP = 4.0
PERIOD_COLOUR, BASELINE_COLOUR, OTHER_COLOUR = "#ef8a62", "#67a9cf", "#cccccc"
MISSING_COLOUR, GRID_COLOUR, AXIS_COLOUR = "#999999", "#e3e3e3", "#333333"
NOTE_COLOUR = "#8a4b00"

HEADING_PT = 8.0
TEXT_PT = 7.5
TICK_PT = 5.5
VALUE_PT = 5.0
TABLE_PT = 6.5
