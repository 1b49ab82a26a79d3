//! `hyperplane`: the engine on the command line, for reproducible runs, scripting and
//! checking numbers against other tools. Every command prints one JSON object on stdout;
//! an error is one line on stderr and exit status 1.

mod args;
mod fit;
mod load;

use clap::Parser;

fn main() {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version: print them as clap renders them.
            let _ = e.print();
            return;
        }
        Err(e) => {
            // One line, as every other error: clap's first line names the problem.
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or("invalid arguments");
            eprintln!("{}", first.trim());
            std::process::exit(1);
        }
    };
    let result = match cli.command {
        args::Command::Fit(a) => fit::fit(&a),
        args::Command::Predict(a) => fit::predict(&a),
        args::Command::Data(a) => load::generate_csv(&a),
    };
    match result {
        Ok(text) => println!("{text}"),
        Err(message) => {
            eprintln!("error: {}", message.replace('\n', " "));
            std::process::exit(1);
        }
    }
}
