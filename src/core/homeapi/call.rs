//! Every request to a home goes through here: the one dispatch from the API a home speaks to
//! its `Server`, and the one place that knows where each API wants the token.

use crate::core::homeapi::api::{api_url, form_pairs, Call, Server};
use crate::core::homeapi::error::ApiError;
use crate::core::homeapi::mastodon::Mastodon;
use crate::core::homeapi::misskey::Misskey;
use crate::core::homeapi::model::HomeApi;
use crate::core::net::fetch::{Body, Fetch, Fetched, Gate, GateError, Method, ACCEPT_JSON};
use crate::core::text::json::Json;
use crate::core::text::weburl::Url;

/// The server for an API: the only `match` on `HomeApi` that chooses what to ask.
pub fn server(api: HomeApi) -> &'static dyn Server {
    match api {
        HomeApi::Mastodon => &Mastodon,
        HomeApi::Misskey => &Misskey,
    }
}

const FORM: &str = "application/x-www-form-urlencoded";

/// The fields of Mastodon's OAuth forms that are secrets (RFC 6749 §2.3.1, §4.1.3; RFC 7009 §2.1;
/// RFC 7636 §4.5).
const SECRET_FIELDS: [&str; 4] = ["client_secret", "code", "code_verifier", "token"];

/// Makes `call` to the home `host`; `token` is the connection's, for the calls that carry one
/// (a call that needs it fails without one). Its error's words never repeat a secret it carried.
pub async fn send<F: Fetch>(
    gate: &Gate<'_, F>,
    host: &str,
    token: Option<&str>,
    call: Call,
) -> Result<Fetched, ApiError> {
    match call {
        Call::Rest { method, url } => {
            let token = token.ok_or(ApiError::Reconnect)?;
            let bearer = format!("Bearer {token}");
            request(gate, &url, method, None, Some(&bearer), &[token]).await
        }
        Call::Misskey { endpoint, params } => {
            let token = token.ok_or(ApiError::Reconnect)?;
            let url = api_url(host, &format!("/api/{endpoint}"))?;
            let mut members = match params {
                Json::Object(members) => members,
                _ => return Err(ApiError::Invalid),
            };
            members.push(("i".into(), token.into()));
            let bytes = Json::Object(members).to_string().into_bytes();
            let body = Body { content_type: "application/json", bytes: &bytes };
            request(gate, &url, Method::Post, Some(body), None, &[token]).await
        }
        Call::Form { url, form } => {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let bytes = form_pairs(&pairs).into_bytes();
            let secrets: Vec<&str> =
                form.iter().filter(|(k, _)| SECRET_FIELDS.contains(k)).map(|(_, v)| v.as_str()).collect();
            request(gate, &url, Method::Post, Some(Body { content_type: FORM, bytes: &bytes }), None, &secrets).await
        }
        Call::MiAuthCheck { url, session } => {
            let body = Body { content_type: "application/json", bytes: b"{}" };
            request(gate, &url, Method::Post, Some(body), None, &[&session]).await
        }
    }
}

/// Every request to the home goes through here: JSON accepted, the answer's status read, and its
/// error's words without the `secrets` the request carried.
async fn request<F: Fetch>(
    gate: &Gate<'_, F>,
    url: &Url,
    method: Method,
    body: Option<Body<'_>>,
    authorization: Option<&str>,
    secrets: &[&str],
) -> Result<Fetched, ApiError> {
    let result = gate.send(url, ACCEPT_JSON, method, body, authorization).await;
    answered(result, gate.freshness().1, secrets)
}

/// A 2xx answer, or the error it says; `retry_after`: the seconds a 429 or 503 asked for (the
/// gate reads `Retry-After`); `secrets`: what the request carried that its error must not repeat.
fn answered(
    result: Result<Fetched, GateError>,
    retry_after: Option<u64>,
    secrets: &[&str],
) -> Result<Fetched, ApiError> {
    let fetched = result.map_err(|e| ApiError::Unreachable(e.msg()))?;
    if fetched.is_success() {
        return Ok(fetched);
    }
    Err(ApiError::of(fetched.status, &fetched.body, retry_after, secrets))
}
