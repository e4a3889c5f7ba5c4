export const MAIN_HELP = `perfgate — merge-time performance gating

Usage: perfgate <command> [options]

Commands:
  run              run the configured suites and compare with the baseline
  compare B H      compare two results files (perfgate's or the minimal form)
  baseline save    write the baseline file into baselines/
  log [PATH]       show the per-merge log of the base branch: table, change points, charts

Run "perfgate <command> --help" for a command's options.
Exit status: 0 pass/warn/improved/unstable, 1 fail/critical, 2 usage or config error,
3 a benchmark could not run.`;

export const RUN_HELP = `Usage: perfgate run [options]

Runs every suite of perfgate.yml in fresh processes (rounds), compares with the baseline,
prints the verdict table and writes results.json, report.json and report.md.

Options:
  -c, --config FILE     configuration file (default: .github/perfgate.yml, then perfgate.yml)
  -o, --out DIR         output folder (default: .perfgate)
  -b, --baseline FILE   baseline results to compare with (default: baseline.path of the config)
      --base REF        same-runner: check out REF (HEAD~1, main, a sha) into a git worktree, run
                        its suites interleaved with this checkout's, compare round by round;
                        writes base-results.json too (falls back to the baseline file, with a
                        warning, when REF cannot be checked out or set up)
      --suite NAME      run only this suite (repeatable)
      --all             show every row, not only the ones that changed
  -h, --help            this help`;

export const COMPARE_HELP = `Usage: perfgate compare BASE.json HEAD.json [options]

Compares two results files: perfgate results, or the minimal form
{"benchmarks":[{"name":"x","unit":"ms","samples":[1.2,1.3]}]} whose samples are independent runs.

Options:
  -c, --config FILE     thresholds from this configuration (default: perfgate.yml if present)
  -t, --threshold PCT   relative regression threshold for every metric, e.g. 5%
  -o, --out DIR         also write report.json and report.md into DIR
      --all             show every row, not only the ones that changed
  -h, --help            this help`;

export const BASELINE_HELP = `Usage: perfgate baseline save [options]

Runs the configured suites and writes the results as the committed baseline
(baseline.path of the config, baselines/perfgate.json by default).

Options:
  -c, --config FILE     configuration file
      --from FILE       save this results file instead of running the suites
  -o, --output FILE     where to write the baseline (default: baseline.path of the config)
  -h, --help            this help`;

export const LOG_HELP = `Usage: perfgate log [PATH] [options]

Shows the per-merge log of the base branch: what each merge did to every benchmark, the change
points found in each metric's history (E-divisive means), and trend charts.

PATH is a merge-log.json, a folder holding one (an extracted baseline artifact, .perfgate/), or
a baseline artifact .zip as downloaded from the workflow run (default: .perfgate/merge-log.json).

Options:
  -f, --format FORMAT   markdown (default): newest merges, change points, Mermaid charts
                        html: one self-contained page with an SVG chart per metric
                        csv: one row per merge and metric (RFC 4180)
                        json: {"schema":"perfgate/merge-log","version":1,"entries":[...],
                        "changePoints":[...]}: the log as stored, newest first, plus each change
                        point {id, metric, unit, direction, statistic, index, before, after, ratio,
                        p, commit, previousCommit, time, worse}; commit is the first merge at the
                        new level, previousCommit the last at the old one
  -o, --output FILE     write to FILE instead of standard output
  -n, --limit N         the newest N merges: rows of the markdown table (default 20) and of the
                        html table (default all), entries of csv and json (default all); change
                        points and charts always use the whole log
  -h, --help            this help`;
