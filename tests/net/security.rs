//! Nobody joins without the code.
