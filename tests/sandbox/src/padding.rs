//! A huge answer streamed without being held: a JSON body, then JSON
//! whitespace chunk after chunk (the `huge_after_accept` fault).

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use hyper::body::{Body, Frame, SizeHint};
use hyper::header::{self, HeaderValue};
use hyper::StatusCode;

/// 64 MiB of padding: over any sane body cap (the SDK's default is 1 MiB).
pub const HUGE_BYTES: u64 = 64 << 20;

const CHUNK: usize = 64 << 10;
static SPACES: [u8; CHUNK] = [b' '; CHUNK];

struct Padded {
    head: Option<Bytes>,
    left: u64,
}

impl Body for Padded {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        if let Some(head) = self.head.take() {
            return Poll::Ready(Some(Ok(Frame::data(head))));
        }
        if self.left == 0 {
            return Poll::Ready(None);
        }
        let n = self.left.min(CHUNK as u64) as usize;
        self.left -= n as u64;
        Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(&SPACES[..n])))))
    }

    fn is_end_stream(&self) -> bool {
        self.head.is_none() && self.left == 0
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.head.as_ref().map_or(0, |h| h.len() as u64) + self.left)
    }
}

/// A 200 whose JSON body is `json` followed by `padding` spaces.
pub fn json_then_whitespace(json: Vec<u8>, padding: u64) -> Response {
    let body = axum::body::Body::new(Padded {
        head: Some(Bytes::from(json)),
        left: padding,
    });
    let mut response = (StatusCode::OK, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}
