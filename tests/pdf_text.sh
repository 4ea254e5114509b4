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
