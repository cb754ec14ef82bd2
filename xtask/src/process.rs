//! Running programs (echoed, with errors that name them) and named, timed steps of them.

use crate::Result;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

pub fn cmd<I, S>(program: &str, args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut c = Command::new(program);
    c.args(args);
    c
}

pub fn cargo<I, S>(args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    cmd("cargo", args)
}

/// `atlas-bundle` with `args`, built in the dev profile (the build's data steps).
pub fn atlas_bundle<'a>(args: impl IntoIterator<Item = &'a str>) -> Command {
    let mut c = cargo(["run", "--quiet", "-p", "atlas-bundle", "--"]);
    c.args(args);
    c
}

/// `atlas-bundle` with `args`, built in the release profile (the benchmarks' corpora).
pub fn atlas_bundle_release<'a>(args: impl IntoIterator<Item = &'a str>) -> Command {
    let mut c = cargo(["run", "--quiet", "--release", "-p", "atlas-bundle", "--"]);
    c.args(args);
    c
}

pub fn shown(c: &Command) -> String {
    let mut s = c.get_program().to_string_lossy().into_owned();
    for a in c.get_args() {
        let a = a.to_string_lossy();
        if a.is_empty() || a.contains(char::is_whitespace) {
            s.push_str(&format!(" '{a}'"));
        } else {
            s.push(' ');
            s.push_str(&a);
        }
    }
    s
}

/// Runs a command with inherited stdio; an error names the command and its exit status.
pub fn run(c: &mut Command) -> Result {
    let line = shown(c);
    println!("  $ {line}");
    let status = c
        .status()
        .map_err(|e| format!("could not start `{line}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{line}` failed ({status})"))
    }
}

/// Stdout of a successful command, or None (missing program, non-zero exit).
pub fn capture(c: &mut Command) -> Option<String> {
    let out = c.stderr(Stdio::null()).stdin(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// `<tool> --version` → its second word ("trunk 0.21.14" → "0.21.14").
pub fn tool_version(program: &str) -> Option<String> {
    let out = capture(&mut cmd(program, ["--version"]))?;
    out.split_whitespace().nth(1).map(str::to_string)
}

pub fn mtime(p: &Path) -> Option<SystemTime> {
    fs::metadata(p).and_then(|m| m.modified()).ok()
}

/// Named, timed steps with a summary table.
pub struct Steps {
    started: Instant,
    done: Vec<(&'static str, Duration, bool)>,
}

impl Steps {
    pub fn new() -> Self {
        Steps {
            started: Instant::now(),
            done: Vec::new(),
        }
    }

    pub fn run(&mut self, name: &'static str, what: &str, f: impl FnOnce() -> Result) -> Result {
        println!("\n━━ step {}: {name} — {what}", self.done.len() + 1);
        let t = Instant::now();
        let result = f();
        let took = t.elapsed();
        self.done.push((name, took, result.is_ok()));
        match result {
            Ok(()) => {
                println!("━━ ✓ {name} ({})", fmt_duration(took));
                Ok(())
            }
            Err(e) => {
                println!("━━ ✗ {name} FAILED ({})", fmt_duration(took));
                self.summary();
                Err(format!("step `{name}` failed: {e}"))
            }
        }
    }

    pub fn summary(&self) {
        println!("\nstep             time  result");
        println!("──────────────────────────────");
        for (name, took, ok) in &self.done {
            let result = if *ok { "ok" } else { "FAILED" };
            println!("{name:<14} {:>7}  {result}", fmt_duration(*took));
        }
        println!("──────────────────────────────");
        println!(
            "{:<14} {:>7}",
            "total",
            fmt_duration(self.started.elapsed())
        );
    }
}

pub fn fmt_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1}s")
    } else {
        let whole = d.as_secs();
        format!("{}m{:02}s", whole / 60, whole % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_durations() {
        assert_eq!(fmt_duration(Duration::from_millis(1234)), "1.2s");
        assert_eq!(fmt_duration(Duration::from_secs(125)), "2m05s");
    }
}
