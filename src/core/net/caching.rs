//! How long an answer may be reused, as the server says: `Cache-Control` and `Expires` (RFC 9111
//! §5.2.2.1, §5.3) for documents, `Retry-After` (RFC 9110 §10.2.3) for 429 and 503. Fedilens has
//! no server of its own: every reader's browser asks the fediverse's servers itself, so it keeps
//! an answer as long as the server allows (within its own bounds) and waits when asked to.

/// The caching headers of one answer, as sent (the edges copy them; the core reads them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CachingHeaders {
    pub cache_control: Option<String>,
    pub expires: Option<String>,
    pub date: Option<String>,
    pub retry_after: Option<String>,
}

impl CachingHeaders {
    /// Seconds the answer stays fresh: `no-store`/`no-cache` → 0, else `max-age`, else
    /// `Expires` − `Date` (the core has no clock, so `Expires` without `Date` says nothing).
    pub fn lifetime(&self) -> Option<u64> {
        if let Some(directives) = &self.cache_control {
            let mut max_age = None;
            for directive in directives.split(',').map(|d| d.trim().to_ascii_lowercase()) {
                if directive == "no-store" || directive == "no-cache" {
                    return Some(0);
                }
                if let Some(value) = directive.strip_prefix("max-age=") {
                    max_age = value.trim_matches('"').parse::<u64>().ok();
                }
            }
            if max_age.is_some() {
                return max_age;
            }
        }
        let expires = http_date(self.expires.as_deref()?);
        let date = http_date(self.date.as_deref()?)?;
        // An invalid Expires (often "0" or "-1") means already expired (RFC 9111 §5.3).
        Some(expires.map_or(0, |e| e.saturating_sub(date)))
    }

    /// Seconds to wait before asking again: delta-seconds, or an HTTP-date less `Date`.
    pub fn retry_after(&self) -> Option<u64> {
        let value = self.retry_after.as_deref()?.trim();
        value.parse::<u64>().ok().or_else(|| Some(http_date(value)?.saturating_sub(http_date(self.date.as_deref()?)?)))
    }
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7) as seconds since 1970.
fn http_date(text: &str) -> Option<u64> {
    let mut parts = text.split_whitespace();
    let (_weekday, day, month, year, time, zone) =
        (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if zone != "GMT" || parts.next().is_some() {
        return None;
    }
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = MONTHS.iter().position(|m| *m == month)? as i64 + 1;
    let (day, year) = (day.parse::<i64>().ok()?, year.parse::<i64>().ok()?);
    let mut hms = time.split(':').map(|n| n.parse::<i64>().ok());
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    if !(1..=31).contains(&day) || !(0..24).contains(&h) || !(0..60).contains(&m) || !(0..61).contains(&s) {
        return None;
    }
    // Days from 1970-01-01 to the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days * 86_400 + h * 3600 + m * 60 + s).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(cache_control: Option<&str>, expires: Option<&str>, retry_after: Option<&str>) -> CachingHeaders {
        CachingHeaders {
            cache_control: cache_control.map(str::to_string),
            expires: expires.map(str::to_string),
            date: Some("Sun, 06 Nov 1994 08:49:37 GMT".into()),
            retry_after: retry_after.map(str::to_string),
        }
    }

    #[test]
    fn lifetimes_as_servers_send_them() {
        // Mastodon's WebFinger: `max-age=259200, public` (app/controllers/well_known/
        // webfinger_controller.rb `expires_in 3.days, public: true`).
        assert_eq!(headers(Some("max-age=259200, public"), None, None).lifetime(), Some(259_200));
        assert_eq!(headers(Some("private, no-store"), None, None).lifetime(), Some(0));
        assert_eq!(headers(Some("public"), Some("Sun, 06 Nov 1994 09:49:37 GMT"), None).lifetime(), Some(3600));
        assert_eq!(headers(None, Some("0"), None).lifetime(), Some(0), "an invalid Expires is already expired");
        assert_eq!(headers(None, None, None).lifetime(), None);
        assert_eq!(http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(http_date("Tue, 01 Dec 2026 10:00:00 GMT"), Some(1_796_119_200));
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(headers(None, None, Some("120")).retry_after(), Some(120));
        assert_eq!(headers(None, None, Some("Sun, 06 Nov 1994 08:50:37 GMT")).retry_after(), Some(60));
        assert_eq!(headers(None, None, Some("soon")).retry_after(), None);
    }
}
