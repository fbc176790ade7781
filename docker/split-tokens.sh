#!/usr/bin/env sh
# Splits a token list into disjoint parts, one per trading instance (one owner per token).
#   split-tokens FILE PART PARTS           comma-separated token ids of part PART (1-based) of PARTS
#   split-tokens FILE PART PARTS --json    the same as a tokens_from_copytrade.json document
# FILE is a tokens_from_copytrade.json ({"tokens":[{"token_id":"..."}]}) or any JSON/text holding
# "token_id" entries; ids are taken in file order, so every caller gets the same split.
set -eu
file=${1:?usage: split-tokens FILE PART PARTS [--json]}
part=${2:?part missing}
parts=${3:?parts missing}
format=${4:-}
[ -r "$file" ] || { echo "split-tokens: cannot read $file" >&2; exit 2; }
ids=$(tr -d '\n\r' < "$file" \
  | grep -o '"token_id"[[:space:]]*:[[:space:]]*"[0-9]\{1,100\}"' \
  | sed 's/.*"\([0-9]*\)"$/\1/' \
  | awk -v part="$part" -v parts="$parts" '!seen[$0]++ { if ((n++ % parts) == part - 1) print }')
[ -n "$ids" ] || { echo "split-tokens: no token_id for part $part/$parts in $file" >&2; exit 3; }
if [ "$format" = --json ]; then
  printf '{"updated_at":"%s","tokens":[' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  printf '%s\n' "$ids" | awk 'NR > 1 { printf "," } { printf "{\"token_id\":\"%s\",\"active\":true,\"introduced_by_buy\":true}", $0 }'
  printf '],"archived_tokens":[]}\n'
else
  printf '%s\n' "$ids" | paste -sd, -
fi
