#!/usr/bin/env bash
# A/B benchmark: the PyAsync runtime of commit REV against this checkout's, interleaved in one run.
#
#   bench/ab.sh [REV] [-- extra bench options]
#
#   REV    any commit-ish git understands (354b795, main, v1.2, HEAD~3); default: main.
#          The default suits a feature branch: "what did my branch change against main".
#   --     everything after it goes to the bench, after the options below; a later option wins,
#          e.g.  bench/ab.sh 354b795 -- --only W1,W2 --rounds 5
#
# What it does:
#   1. resolves REV to a commit and checks it out, detached, in a git worktree outside the repository,
#      ${TMPDIR:-/tmp}/pyasync-ab/<short sha> (reused if it is already there at that commit);
#      nothing is ever committed there. Remove it with `git worktree remove <dir>` when done.
#   2. builds that worktree's bench and this checkout's bench in Release;
#   3. runs this checkout's bench with
#        --baseline <REV's PyAsync.Bench.dll> --baseline-label <short sha>
#        --columns PyAsync,Baseline --no-python --no-micro  [extra options]
#      so each round measures the two builds' PyAsync columns one after the other, and the table
#      gives "PyAsync vs baseline" ratios: above 1, this checkout is better.
#
# This checkout's uncommitted changes are measured too (it builds the working tree as it is).
# The exit code is the bench's: 1 if a run returned a wrong check value, 2 for a bad option.
set -euo pipefail

usage() {   # the comment above, on stderr; exits with $1
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit "$1"
}

rev=main
if [[ $# -gt 0 && $1 != -- ]]; then
  [[ $1 == -h || $1 == --help ]] && usage 0
  rev=$1
  shift
fi
if [[ $# -gt 0 ]]; then
  [[ $1 == -- ]] || usage 2
  shift
fi

repo=$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)
sha=$(git -C "$repo" rev-parse --verify --quiet "$rev^{commit}") || { echo "ab.sh: '$rev' is not a commit" >&2; exit 2; }
short=$(git -C "$repo" rev-parse --short "$sha")
wt=${TMPDIR:-/tmp}/pyasync-ab/$short

# The baseline's worktree: reuse it if it is a clean checkout of that commit, never touch it otherwise.
if [[ -e $wt ]]; then
  top=$(git -C "$wt" rev-parse --show-toplevel 2>/dev/null || true)
  at=$(git -C "$wt" rev-parse --verify --quiet HEAD 2>/dev/null || true)
  if [[ $top != "$(cd "$wt" && pwd -P)" || $at != "$sha" ]]; then
    echo "ab.sh: $wt exists but is not a worktree at $short; remove it (git worktree remove --force $wt, or rm -r) and rerun" >&2
    exit 2
  fi
  if [[ -n $(git -C "$wt" status --porcelain --untracked-files=no) ]]; then
    echo "ab.sh: the worktree $wt has local changes, so it is not $short; git -C $wt checkout -- . and rerun" >&2
    exit 2
  fi
  echo "Reusing the worktree of $short at $wt"
else
  git -C "$repo" worktree prune   # forget worktrees whose directory was deleted, so the path is free
  mkdir -p "$(dirname "$wt")"
  git -C "$repo" worktree add --detach --quiet "$wt" "$sha"
  echo "Created a worktree of $short at $wt"
fi

# Release builds of both benches; the dll paths come from MSBuild, whatever the target framework.
# (errexit does not reach into $(...): each step stops the function itself.)
build() {
  dotnet build -c Release --nologo -v quiet "$1/bench/Bench.csproj" >&2 || return
  dotnet msbuild "$1/bench/Bench.csproj" -nologo -p:Configuration=Release -getProperty:TargetPath
}
echo "Building $short ($wt) in Release"
old_dll=$(build "$wt")
echo "Building this checkout ($repo) in Release"
new_dll=$(build "$repo")

status=0
dotnet "$new_dll" --baseline "$old_dll" --baseline-label "$short" \
  --columns PyAsync,Baseline --no-python --no-micro "$@" || status=$?
echo "Baseline $short: worktree $wt (kept for the next run; git worktree remove $wt when done)"
exit "$status"
