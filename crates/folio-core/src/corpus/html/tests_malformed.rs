//! Pages as browsers read them, and the hostile pages that made the old reader quadratic.
