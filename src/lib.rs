//! Hyperplane web app.
