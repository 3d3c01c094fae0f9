//! her2prep: from a person's HER2-negative breast cancer results to a personalised, saved and
//! printable checklist of questions for their care team. This library holds everything but the
//! terminal: profile and classification, the question bank and its conditions, checklist
//! building, storage and exports.

pub mod bank;
pub mod checklist;
pub mod choice;
pub mod classify;
pub mod export;
pub mod facts;
pub mod filter;
pub mod glossary;
pub mod lock;
pub mod profile;
pub mod report;
pub mod results;
pub mod signals;
pub mod state;
pub mod storage;
pub mod text;
#[cfg(feature = "tui")]
pub mod ui;
pub mod voice;
pub mod walk;
pub mod yaml;

/// Today's date on this computer's clock and time zone.
pub fn today() -> jiff::civil::Date {
    // Reading /etc/localtime directly is enough when TZ is not set, and spares reading the
    // whole time zone database (a tenth of an export's time).
    if std::env::var_os("TZ").is_none()
        && let Ok(data) = std::fs::read("/etc/localtime")
        && let Ok(tz) = jiff::tz::TimeZone::tzif("localtime", &data)
    {
        return jiff::Timestamp::now().to_zoned_datetime(tz).date();
    }
    jiff::ZonedDateTime::now().date()
}
