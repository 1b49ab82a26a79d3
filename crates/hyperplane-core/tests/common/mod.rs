pub mod parity_sets;
