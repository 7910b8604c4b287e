//! Kiosk mode (placeholder until the device work lands; see issue 4).

/// Runs kiosk mode with the arguments after `kiosk`.
pub fn run(_args: &[String]) -> Result<(), String> {
    Err("kiosk mode is not available in this build".into())
}
