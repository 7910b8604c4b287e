//! `feud`: search and browse the feudfacts corpus from a terminal or a script.
//!
//! Reads the corpus embedded in the library, or a blob file given with
//! `--blob FILE` (validated first, so an operator can check an update before
//! shipping it). Output is human-readable, or one JSON object per line with
//! `--json`. The command line is declared in [`args`]; every failure is one
//! line on stderr and an exit status ([`failure`]); nothing panics, whatever
//! the arguments or wherever the output goes.

mod args;
mod browse;
mod compile;
mod failure;
mod json;
mod kiosk;
mod lookup;
mod render;
mod search;

use args::{Cli, Command};
use clap::{CommandFactory, Parser};
use failure::Failure;
use feudfacts::Corpus;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse_from(std::env::args_os()) {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match run(cli, &mut out).and_then(|()| out.flush().map_err(Failure::from)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => f.report(),
    }
}

/// `--help` and `--version` (to stdout, status 0) and usage errors (to
/// stderr, status 2), as clap renders them; a failed write is reported like
/// any other.
fn clap_exit(e: &clap::Error) -> ExitCode {
    if !e.use_stderr() {
        let text = if io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
            e.render().ansi().to_string()
        } else {
            e.render().to_string()
        };
        let mut out = io::stdout().lock();
        return match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => Failure::from(err).report(),
        };
    }
    // If stderr is gone there is nobody left to tell.
    let _ = e.print();
    ExitCode::from(2)
}

/// The corpus: embedded, or the validated `--blob` file (read into `buf`).
fn load<'b>(cli: &Cli, buf: &'b mut Vec<u8>) -> Result<Corpus<'b>, Failure> {
    let Some(path) = &cli.blob else {
        return Ok(Corpus::embedded());
    };
    let p = path.display();
    *buf = std::fs::read(path).map_err(|e| Failure::Input(format!("cannot read {p}: {e}")))?;
    Corpus::from_bytes(buf).map_err(|e| Failure::Input(format!("{p}: invalid blob: {e}")))
}

/// Refuses a global option a command has no use for.
fn unused(cli: &Cli, name: &str, blob: bool) -> Result<(), Failure> {
    if cli.json {
        return Err(Failure::Input(format!("`{name}` has no --json output")));
    }
    if !blob && cli.blob.is_some() {
        return Err(Failure::Input(format!("`{name}` does not read --blob")));
    }
    Ok(())
}

fn run(cli: Cli, out: &mut dyn Write) -> Result<(), Failure> {
    let mut buf = Vec::new();
    match &cli.command {
        Command::Compile(a) => {
            unused(&cli, "compile", false)?;
            return compile::run(out, &mut io::stderr(), a);
        }
        Command::Completions { shell } => {
            unused(&cli, "completions", false)?;
            // Into memory first: the generators panic on a failed write.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "feud", &mut script);
            out.write_all(&script)?;
            return Ok(());
        }
        Command::Man { command } => {
            unused(&cli, "man", false)?;
            return man(out, command.as_deref());
        }
        _ => {}
    }
    let corpus = load(&cli, &mut buf)?;
    let mut ctx = browse::Ctx {
        out,
        corpus,
        json: cli.json,
    };
    match &cli.command {
        Command::Search(a) => search::run(ctx.out, &corpus, cli.json, a),
        Command::Show { kind, id } => ctx.show(*kind, id),
        Command::Timeline(range) => ctx.timeline(*range),
        Command::Who { name } => ctx.who(name),
        Command::Thread { quote } => ctx.thread(quote),
        Command::Random { seed } => ctx.random(*seed),
        Command::Stats => ctx.stats(),
        Command::ExportBlob { file } => {
            unused(&cli, "export-blob", true)?;
            let bytes = corpus.as_bytes();
            std::fs::write(file, bytes).map_err(|e| Failure::writing(file, e))?;
            writeln!(ctx.out, "wrote {} bytes to {}", bytes.len(), file.display())?;
            Ok(())
        }
        Command::Kiosk(a) => {
            unused(&cli, "kiosk", true)?;
            kiosk::run(&corpus, a, ctx.out)
        }
        Command::Compile(_) | Command::Completions { .. } | Command::Man { .. } => Ok(()),
    }
}

/// `feud man [COMMAND]`: the roff page of feud(1) or feud-COMMAND(1).
fn man(out: &mut dyn Write, command: Option<&str>) -> Result<(), Failure> {
    let cmd = Cli::command();
    let page = match command {
        None => cmd,
        Some(name) => {
            let sub = cmd.find_subcommand(name).cloned().ok_or_else(|| {
                let names: Vec<&str> = cmd.get_subcommands().map(|s| s.get_name()).collect();
                Failure::Input(format!(
                    "no command `{name}` (one of: {})",
                    names.join(", ")
                ))
            })?;
            let full = format!("feud-{name}");
            sub.name(full.clone()).bin_name(full)
        }
    };
    clap_mangen::Man::new(page).render(out)?;
    Ok(())
}
