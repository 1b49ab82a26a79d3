//! The datasets the picker offers, and the user's own points.

use hyperplane_core::datasets::GeneratorKind;

/// The datasets the picker offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatasetChoice {
    Iris,
    /// UCI wine recognition: 13 features, 3 classes.
    Wine,
    /// UCI breast cancer Wisconsin (diagnostic): 30 features, 2 classes.
    BreastCancer,
    Generated(GeneratorKind),
    /// Points the user draws on the plane.
    Drawn,
    /// A CSV file the user imported.
    Imported,
}

impl DatasetChoice {
    pub const ALL: [DatasetChoice; 13] = [
        Self::Iris,
        Self::Wine,
        Self::BreastCancer,
        Self::Generated(GeneratorKind::Circle),
        Self::Generated(GeneratorKind::Xor),
        Self::Generated(GeneratorKind::Gauss),
        Self::Generated(GeneratorKind::Spiral),
        Self::Generated(GeneratorKind::Moons),
        Self::Generated(GeneratorKind::Blobs),
        Self::Generated(GeneratorKind::RegPlane),
        Self::Generated(GeneratorKind::RegGauss),
        Self::Drawn,
        Self::Imported,
    ];

    /// The name users see (and the option's accessible name).
    pub fn label(self) -> &'static str {
        match self {
            Self::Iris => "Iris",
            Self::Wine => "Wine",
            Self::BreastCancer => "Breast cancer",
            Self::Generated(GeneratorKind::Circle) => "Circle",
            Self::Generated(GeneratorKind::Xor) => "XOR",
            Self::Generated(GeneratorKind::Gauss) => "Gaussian",
            Self::Generated(GeneratorKind::Spiral) => "Spiral",
            Self::Generated(GeneratorKind::Moons) => "Moons",
            Self::Generated(GeneratorKind::Blobs) => "Blobs",
            Self::Generated(GeneratorKind::RegPlane) => "Plane (regression)",
            Self::Generated(GeneratorKind::RegGauss) => "Gaussians (regression)",
            Self::Drawn => "Draw your own",
            Self::Imported => "Imported CSV",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Iris => "iris",
            Self::Wine => "wine",
            Self::BreastCancer => "breast-cancer",
            Self::Generated(k) => k.name(),
            Self::Drawn => "drawn",
            Self::Imported => "imported",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.key() == key)
    }

    /// Whether the noise slider means anything for this dataset.
    pub fn has_noise(self) -> bool {
        matches!(self, Self::Generated(_))
    }

    /// The plane's fixed extent in original units, where the picture must not move as
    /// points are added (drawn data); `None`: fit the data.
    pub fn fixed_extent(self) -> Option<(f64, f64)> {
        (self == Self::Drawn).then_some((-6.0, 6.0))
    }
}

impl DatasetChoice {
    /// Whether the dataset's target is a number rather than a class.
    pub fn is_regression(self) -> bool {
        matches!(self, Self::Generated(k) if k.is_regression())
    }
}

/// The default split seed, so every visitor sees the same numbers.
pub const SPLIT_SEED: u64 = 42;

/// One drawn point: position in the plane's units and class.
pub type DrawnPoint = (f64, f64, usize);

/// Classes a user can draw.
pub const DRAWN_CLASSES: [&str; 3] = ["A", "B", "C"];
