#!/usr/bin/env bash
# Publishes ported examples with NativeAOT and checks them against CPython (issue 13):
#
#   tools/aot-example.sh [--no-time] [EXAMPLE ...]
#
# EXAMPLE is a port's path under examples/ without .cs (default: doc100/PriorityQueueExample, which
# prints a queue's repr with a list of tuples, tuples and a TypeError, and doc001/ResultExceptionExample,
# which prints exception reprs of a task), or `probe` (tools/AotExample/ReprProbe.cs: the reprs PyAsync
# finds by reflection, run under the JIT and under NativeAOT and diffed).
#
# For each example: `dotnet publish` of tools/AotExample with PublishAot (trim and AOT warnings are
# errors), its run on the virtual clock (PYASYNC_CLOCK=virtual), stdout compared with the stored
# CPython output (examples/docNNN/NAME.expected.txt, addresses masked as the examples runner masks
# them; stderr too where an .expected.stderr.txt exists, traceback bodies dropped), then the start-up:
# 20 runs each of the native executable and of `python3 NAME.py` (the interpreter python3 resolves to) (on tools/pyvirtual.py's virtual
# clock when the program sleeps), mean and median wall time. Exit code 1 if anything differs.
# Output goes to bench/obj/aot-example/ (ignored by git).
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
time_runs=1
if [[ "${1:-}" == "--no-time" ]]; then time_runs=0; shift; fi
examples=("$@")
[[ ${#examples[@]} -eq 0 ]] && examples=(doc100/PriorityQueueExample doc001/ResultExceptionExample)
rid=$(dotnet --info 2>/dev/null | awk '/^ *RID:/ {print $2; exit}')
[[ -z "$rid" ]] && rid=linux-x64
linker=()
# The ILCompiler package links with `clang`; Debian installs it as clang-NN only.
if ! command -v clang >/dev/null; then
  for c in clang-20 clang-19 clang-18 clang-17 clang-16 clang-15 clang-14; do
    if command -v "$c" >/dev/null; then linker=("-p:CppCompilerAndLinker=$c"); break; fi
  done
  [[ ${#linker[@]} -eq 0 ]] && linker=("-p:CppCompilerAndLinker=gcc")
fi
mask() { sed -E 's/0x[0-9a-f]+/0x?/g'; }
drop_tracebacks() { grep -v -e '^ ' -e '^Traceback (most recent call last):$' || true; }
now_ns() { date +%s%N; }
# Prints "mean median" in ms of 20 runs of the command (output discarded).
time20() {
  local runs=() i start end
  for i in $(seq 20); do
    start=$(now_ns); "$@" >/dev/null 2>&1; end=$(now_ns)
    runs+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${runs[@]}" | sort -n | awk '{ a[NR] = $1; s += $1 } END { printf "%.1f %.1f", s / NR / 1000, (a[10] + a[11]) / 2 / 1000 }'
}

# The interpreter itself, not a version manager's shim (pyenv's is a shell script that costs more than Python's start-up).
python=$(python3 -c 'import sys; print(sys.executable)')
status=0
summary=()
for example in "${examples[@]}"; do
  out="$repo/bench/obj/aot-example/${example//\//-}"
  rm -rf "$out/publish"; mkdir -p "$out"
  echo "== $example: dotnet publish (NativeAOT)"
  start=$(now_ns)
  if ! dotnet publish tools/AotExample/AotExample.csproj -c Release -r "$rid" -p:Example="$example" "${linker[@]}" \
       --artifacts-path "$out/artifacts" -o "$out/publish" > "$out.publish.log" 2>&1; then
    grep -E "error|warning IL" "$out.publish.log" | sort -u | head -20
    echo "   publish FAILED (log: $out.publish.log)"; status=1; summary+=("$example: publish failed"); continue
  fi
  publish_s=$(( ($(now_ns) - start) / 1000000 ))
  warnings=$(grep -cE "warning (IL[0-9]{4})" "$out.publish.log" || true)
  size=$(stat -c %s "$out/publish/AotExample")
  echo "   published in $((publish_s / 1000)).$(( (publish_s % 1000) / 100 )) s, $warnings trim/AOT warnings, executable $((size / 1024)) KB"
  exe="$out/publish/AotExample"
  PYASYNC_CLOCK=virtual "$exe" > "$out.stdout" 2> "$out.stderr"; code=$?
  if [[ "$example" == probe ]]; then
    echo "   the probe under the JIT (dotnet run -p:AotMode=jit) for comparison"
    PYASYNC_CLOCK=virtual dotnet run --project tools/AotExample -c Release -p:Example=probe -p:AotMode=jit \
      --artifacts-path "$out/jit-artifacts" > "$out.jit.stdout" 2> "$out.jit.stderr"
    if diff <(mask < "$out.jit.stdout") <(mask < "$out.stdout") > "$out.diff" &&
       diff <(drop_tracebacks < "$out.jit.stderr") <(drop_tracebacks < "$out.stderr") >> "$out.diff"; then
      echo "   NativeAOT output = JIT output ($(wc -l < "$out.stdout") lines stdout, $(wc -l < "$out.stderr") stderr)"
      summary+=("$example: AOT = JIT")
    else
      echo "   NativeAOT output differs from the JIT's:"; sed 's/^/     /' "$out.diff"; status=1
      summary+=("$example: AOT differs from JIT")
    fi
    continue
  fi
  dir=$(dirname "$example")
  name=$(grep -oE '\[Example\("[0-9]+", *[0-9]+, *"[a-z0-9_]+"' "examples/$example.cs" | sed -E 's/.*"([a-z0-9_]+)"$/\1/')
  expected="examples/$dir/$name.expected.txt"
  verdict=matches
  if ! diff <(cat "$expected") <(mask < "$out.stdout") > "$out.diff"; then verdict=DIFFERS; fi
  if [[ -f "examples/$dir/$name.expected.stderr.txt" ]]; then
    if ! diff <(drop_tracebacks < "examples/$dir/$name.expected.stderr.txt") <(drop_tracebacks < "$out.stderr" | mask) >> "$out.diff"; then verdict=DIFFERS; fi
  elif [[ -s "$out.stderr" ]]; then
    echo "   unexpected stderr:"; sed 's/^/     /' "$out.stderr"; verdict=DIFFERS
  fi
  echo "   exit code $code; output vs CPython's ($expected): $verdict"
  if [[ $verdict != matches ]]; then sed 's/^/     /' "$out.diff"; status=1; fi
  line="$example ($name): $verdict"
  if [[ $time_runs -eq 1 ]]; then
    py="examples/$dir/$name.py"
    if grep -q "sleep" "$py"; then pycmd=("$python" tools/pyvirtual.py "$py"); else pycmd=("$python" "$py"); fi
    read -r aot_mean aot_median < <(PYASYNC_CLOCK=virtual time20 "$exe")
    read -r py_mean py_median < <(time20 "${pycmd[@]}")
    echo "   start-up, 20 runs, mean / median ms: NativeAOT $aot_mean / $aot_median; ${pycmd[*]}: $py_mean / $py_median"
    line+="; NativeAOT $aot_median ms, CPython $py_median ms (medians of 20)"
  fi
  summary+=("$line")
done
echo
echo "== summary"
printf '%s\n' "${summary[@]}"
exit $status
