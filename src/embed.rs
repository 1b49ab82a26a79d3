//! Embed mode for documentation pages: `?embed=surface,network&controls=C,Gamma` shows
//! only the chosen panels and controls, filling the iframe, without the page's chrome.
//! The settings come from the fragment as in a shared link.

/// A panel an embed can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Surface,
    Network,
    Loss,
    Metrics,
    Objective,
}

impl Panel {
    pub const ALL: [Panel; 5] = [
        Self::Surface,
        Self::Network,
        Self::Loss,
        Self::Metrics,
        Self::Objective,
    ];
    pub fn key(self) -> &'static str {
        match self {
            Self::Surface => "surface",
            Self::Network => "network",
            Self::Loss => "loss",
            Self::Metrics => "metrics",
            Self::Objective => "objective",
        }
    }
}

/// Controls an embed can show by name (their labels in the studio); `Training` is the
/// network's Play/Step/Reset row, `Seed` the Regenerate button and seed.
pub const CONTROLS: [&str; 27] = [
    "Dataset",
    "Noise",
    "Training ratio",
    "Points",
    "Classes",
    "Model",
    "Kernel",
    "C",
    "Gamma",
    "Degree",
    "coef0",
    "Neighbours",
    "Weights",
    "Max depth",
    "Min samples per leaf",
    "Criterion",
    "Activation",
    "Learning rate",
    "Regularization",
    "Regularization rate",
    "Batch size",
    "Epochs",
    "Horizontal axis",
    "Vertical axis",
    "Training",
    "Seed",
    "Target column",
];

#[derive(Debug, Clone, PartialEq)]
pub struct EmbedConfig {
    pub panels: Vec<Panel>,
    pub controls: Vec<String>,
}

fn decode(s: &str) -> String {
    // Query values here are plain words; `+` and `%20` are spaces, `%2C` a comma.
    s.replace('+', " ")
        .replace("%20", " ")
        .replace("%2C", ",")
        .replace("%2c", ",")
}

impl EmbedConfig {
    /// Reads the page's query string: `None` outside embed mode.
    pub fn parse(query: &str) -> Result<Option<Self>, String> {
        let mut panels = None;
        let mut controls = Vec::new();
        for pair in query
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
        {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value);
            match key {
                "embed" => {
                    let list: Vec<Panel> = value
                        .split(',')
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .map(|p| {
                            Panel::ALL
                                .into_iter()
                                .find(|k| k.key() == p)
                                .ok_or_else(|| {
                                    format!(
                                        "embed: {p:?} is not a panel (choose from {})",
                                        Panel::ALL.map(|k| k.key()).join(", ")
                                    )
                                })
                        })
                        .collect::<Result<_, _>>()?;
                    panels = Some(if list.is_empty() {
                        vec![Panel::Surface]
                    } else {
                        list
                    });
                }
                "controls" => {
                    for c in value.split(',').map(str::trim).filter(|c| !c.is_empty()) {
                        if !CONTROLS.contains(&c) {
                            return Err(format!("controls: {c:?} is not a control"));
                        }
                        controls.push(c.to_string());
                    }
                }
                _ => {}
            }
        }
        Ok(panels.map(|panels| Self { panels, controls }))
    }

    pub fn shows(&self, panel: Panel) -> bool {
        self.panels.contains(&panel)
    }

    /// A style sheet that hides every control except the chosen ones (and what holds
    /// them).
    pub fn controls_css(&self) -> String {
        let keep = self
            .controls
            .iter()
            .map(|c| format!("[data-control=\"{c}\"]"))
            .collect::<Vec<_>>()
            .join(",");
        format!(
            ".embed-controls *:not(:is({keep})):not(:has({keep})):not(:is({keep}) *) {{ display: none !important; }}"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embed_flags_choose_panels_and_controls() {
        assert_eq!(EmbedConfig::parse("").unwrap(), None);
        assert_eq!(EmbedConfig::parse("?x=1").unwrap(), None);
        let e = EmbedConfig::parse("?embed=surface,network&controls=C,Gamma,Learning+rate")
            .unwrap()
            .unwrap();
        assert_eq!(e.panels, vec![Panel::Surface, Panel::Network]);
        assert_eq!(e.controls, vec!["C", "Gamma", "Learning rate"]);
        assert!(e.controls_css().contains("[data-control=\"Gamma\"]"));
        assert_eq!(
            EmbedConfig::parse("?embed").unwrap().unwrap().panels,
            vec![Panel::Surface]
        );
        assert!(EmbedConfig::parse("?embed=everything")
            .unwrap_err()
            .contains("not a panel"));
        assert!(EmbedConfig::parse("?embed=surface&controls=<b>")
            .unwrap_err()
            .contains("not a control"));
    }
}
