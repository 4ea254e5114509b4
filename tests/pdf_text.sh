#!/usr/bin/env bash
# A PDF deck read back by poppler, as a reader's PDF viewer reads it: a
# 6-stage map split by 2 is 3 pages, and every card's text can be found in
# it (selected, searched, copied). Needs pdfinfo and pdftotext
# (poppler-utils); `.ci/run` installs them.
#
# Usage: tests/pdf_text.sh path/to/journeymap
set -euo pipefail
bin=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# Six stages, two lanes, a card in each cell; words a search would look for.
{
    echo "stage,lane,text"
    for stage in Discover Compare Order Wait Unbox Return; do
        echo "$stage,Doing,$stage: reads the reviews twice"
        echo "$stage,Pain points,$stage — slow checkout (café Zürich)"
    done
} > cards.csv
"$bin" import cards.csv -o map.ron
"$bin" export map.ron -o deck.pdf --split 2

pages=$(pdfinfo deck.pdf | awk '/^Pages:/ {print $2}')
if [ "$pages" != 3 ]; then
    echo "pdf_text: expected 3 pages, got $pages" >&2
    exit 1
fi
pdftotext deck.pdf deck.txt
for stage in Discover Compare Order Wait Unbox Return; do
    for text in "$stage: reads the reviews twice" "$stage — slow checkout (café Zürich)"; do
        # A card's text may wrap onto two lines: compare with spaces squeezed.
        if ! tr -s ' \n' '  ' < deck.txt | grep -qF "$text"; then
            echo "pdf_text: \"$text\" is not in the PDF's text:" >&2
            cat deck.txt >&2
            exit 1
        fi
    done
done
echo "pdf_text: 3 pages, every card's text found"

# With --insights the deck ends with the insights slide, its table and
# lists as text: a row per stage with its pain points (1) and severity
# score (1: unrated), the whole map's totals, the top pain points.
"$bin" export map.ron -o insights.pdf --split 2 --insights
pages=$(pdfinfo insights.pdf | awk '/^Pages:/ {print $2}')
if [ "$pages" != 4 ]; then
    echo "pdf_text: expected 3 map pages and an insights page, got $pages" >&2
    exit 1
fi
pdftotext -f 4 -l 4 -layout insights.pdf insights.txt
for line in "Discover 1 1" "Return 1 1" "Whole map 6 6" "Top pain points"; do
    if ! tr -s ' ' ' ' < insights.txt | grep -qF "$line"; then
        echo "pdf_text: \"$line\" is not on the insights page:" >&2
        cat insights.txt >&2
        exit 1
    fi
done
echo "pdf_text: the insights page's table and lists are text"

# Chinese, Japanese and Korean text draws with the machine's CJK font
# (`.ci/run` installs fonts-wqy-microhei): the PDF embeds it, and its text
# is the text typed. Skipped on a machine with no CJK font.
if [ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then
    {
        echo "stage,lane,text"
        echo "Arrive,Doing,口コミを読む (reads the reviews)"
        echo "Pay,Doing,付款 결제"
    } > cjk.csv
    "$bin" import cjk.csv -o cjk.ron
    "$bin" check cjk.ron 2> cjk-check.txt
    if [ -s cjk-check.txt ]; then
        echo "pdf_text: check warns about CJK text a font draws:" >&2
        cat cjk-check.txt >&2
        exit 1
    fi
    "$bin" export cjk.ron -o cjk.pdf
    if ! pdffonts cjk.pdf | grep -q "WenQuanYi"; then
        echo "pdf_text: the CJK font is not embedded:" >&2
        pdffonts cjk.pdf >&2
        exit 1
    fi
    pdftotext cjk.pdf cjk.txt
    for text in "口コミを読む" "付款 결제"; do
        if ! grep -qF "$text" cjk.txt; then
            echo "pdf_text: \"$text\" is not in the PDF's text:" >&2
            cat cjk.txt >&2
            exit 1
        fi
    done
    echo "pdf_text: Japanese, Chinese and Korean text drawn with the machine's font"
fi
