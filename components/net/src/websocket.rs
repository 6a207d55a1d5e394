//! WebSocket connections (RFC 6455) for the WebSockets Standard
//! (<https://websockets.spec.whatwg.org/>): the opening handshake here (so that a server that
//! picks no subprotocol is accepted, as browsers do), then the framing protocol on `tungstenite`, over a TCP stream that is plain for
//! `ws:` and TLS (rustls, the engine's trusted roots) for `wss:`. No DOM: the caller gives a
//! [`Handshake`] and a callback, and gets [`Event`]s on the connection's own thread.
//!
//! One thread per connection owns the socket: it opens it, then alternates between reading with
//! a short timeout and writing what [`Connection::send`] queued, so the script thread never
//! blocks on the network. Dropping the [`Connection`] (the page went away) closes the socket with
//! 1001 "going away".

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, TryRecvError};
use tungstenite::protocol::CloseFrame;
use tungstenite::protocol::frame::coding::CloseCode;
use tungstenite::{Message, WebSocket};
use url::Url;

/// What the client asks for in the opening handshake
/// (<https://websockets.spec.whatwg.org/#concept-websocket-establish>).
#[derive(Clone, Debug)]
pub struct Handshake {
    /// A `ws:` or `wss:` URL without fragment.
    pub url: Url,
    /// `Sec-WebSocket-Protocol` (tokens, in the page's order; none: no header).
    pub protocols: Vec<String>,
    /// `Origin`: the serialization of the client's origin.
    pub origin: String,
    /// `Cookie`, if the engine has cookies for the URL.
    pub cookie: Option<String>,
}

/// What happens on a connection, in order.
#[derive(Debug, PartialEq)]
pub enum Event {
    /// "The WebSocket connection is established", with the subprotocol and extensions in use
    /// and the handshake response's `Set-Cookie` headers.
    Open { protocol: String, extensions: String, set_cookies: Vec<String> },
    /// A text message.
    Text(String),
    /// A binary message.
    Binary(Vec<u8>),
    /// This many bytes of application data queued by `send` went out to the network.
    Sent(usize),
    /// "The WebSocket closing handshake is started" by the server.
    Closing,
    /// "The WebSocket connection is closed": `clean` if the closing handshake completed, with the
    /// code and reason of the server's Close frame (1005 when it had no code); otherwise 1006.
    /// Before [`Event::Open`], this is how a failed connection ends.
    Closed { clean: bool, code: u16, reason: String },
}

/// What the page asks of an open connection.
#[derive(Debug)]
pub enum Command {
    Text(String),
    Binary(Vec<u8>),
    /// Start the closing handshake with this code and reason (no code: an empty Close frame).
    Close {
        code: Option<u16>,
        reason: String,
    },
    /// Drop the connection without a closing handshake ("fail the WebSocket connection").
    Fail,
}

/// The page's end of a connection. Dropping it closes the connection ("going away").
#[derive(Debug)]
pub struct Connection {
    commands: Sender<Command>,
}

impl Connection {
    /// Queues `command` for the connection's thread; false if the connection is gone.
    pub fn send(&self, command: Command) -> bool {
        self.commands.send(command).is_ok()
    }
}

/// How long to wait for the TCP connection, the TLS and opening handshakes, and the server's
/// reply to our Close frame.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(30);

/// The read timeout between two looks at the queued commands: short after activity (so a
/// `send` right after a message goes out at once), growing while the connection is idle.
const POLL_MIN: Duration = Duration::from_millis(1);
const POLL_MAX: Duration = Duration::from_millis(16);

impl crate::Client {
    /// Opens a WebSocket connection on a thread of its own; `on_event` gets its events there,
    /// and returns false when nobody listens any more (the connection is then dropped).
    /// `Err` only if no thread could be started.
    pub fn websocket(
        &self,
        handshake: Handshake,
        on_event: impl FnMut(Event) -> bool + Send + 'static,
    ) -> Result<Connection, String> {
        let (commands, receiver) = crossbeam_channel::unbounded();
        let roots = self.root_certificates.clone();
        let user_agent = self.user_agent.clone();
        std::thread::Builder::new()
            .name("websocket".into())
            .spawn(move || run(&roots, &user_agent, handshake, receiver, on_event))
            .map_err(|e| e.to_string())?;
        Ok(Connection { commands })
    }
}

/// The socket under the WebSocket protocol.
enum Stream {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ClientConnection, TcpStream>>),
}

impl Stream {
    fn tcp(&self) -> &TcpStream {
        match self {
            Stream::Plain(s) => s,
            Stream::Tls(s) => &s.sock,
        }
    }
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
        }
    }
}

fn tls_config(roots: &[Vec<u8>]) -> Result<Arc<rustls::ClientConfig>, String> {
    let mut store = rustls::RootCertStore::empty();
    if roots.is_empty() {
        store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    } else {
        for der in roots {
            store.add(rustls::pki_types::CertificateDer::from(der.clone())).map_err(|e| e.to_string())?;
        }
    }
    // ring, as ureq's TLS (rustls deprecates its ring provider for lacking post-quantum key
    // exchange; both of the engine's clients use it, so one provider is compiled).
    #[allow(deprecated)]
    let provider = rustls::crypto::ring::default_provider();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(provider))
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(store)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// The opening handshake (<https://websockets.spec.whatwg.org/#concept-websocket-establish>
/// and RFC 6455 §4.1): the connection, then the request, then the checks of the response
/// that fail the connection.
fn open(
    roots: &[Vec<u8>],
    user_agent: &str,
    handshake: &Handshake,
) -> Result<(WebSocket<Stream>, String, String, Vec<String>), String> {
    let url = &handshake.url;
    let host = url.host_str().ok_or("no host")?.to_owned();
    let port = url.port_or_known_default().ok_or("no port")?;
    if crate::is_bad_port(port) {
        return Err(format!("port {port} is blocked"));
    }
    // `localhost` and `*.localhost` are loopback without DNS, as for fetches.
    let connect_host = if host == "localhost" || host.ends_with(".localhost") { "127.0.0.1" } else { host.as_str() };
    let connect_host = connect_host.trim_start_matches('[').trim_end_matches(']');
    let addrs: Vec<_> = (connect_host, port).to_socket_addrs().map_err(|e| e.to_string())?.collect();
    let mut last_error = String::from("no address");
    let mut tcp = None;
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, HANDSHAKE_TIMEOUT) {
            Ok(s) => {
                tcp = Some(s);
                break;
            }
            Err(e) => last_error = e.to_string(),
        }
    }
    let tcp = tcp.ok_or(last_error)?;
    let _ = tcp.set_nodelay(true);
    tcp.set_read_timeout(Some(HANDSHAKE_TIMEOUT)).map_err(|e| e.to_string())?;
    tcp.set_write_timeout(Some(HANDSHAKE_TIMEOUT)).map_err(|e| e.to_string())?;
    let mut stream = if url.scheme() == "wss" {
        let name = rustls::pki_types::ServerName::try_from(host.clone()).map_err(|e| e.to_string())?;
        let connection = rustls::ClientConnection::new(tls_config(roots)?, name).map_err(|e| e.to_string())?;
        Stream::Tls(Box::new(rustls::StreamOwned::new(connection, tcp)))
    } else {
        Stream::Plain(tcp)
    };
    let (leftover, headers) = opening_handshake(&mut stream, user_agent, handshake)?;
    let header = |name: &str| headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone());
    // RFC 6455 §4.1: a subprotocol the client did not ask for, or any extension (Aperture
    // offers none), fails the connection. A server that picks no subprotocol is answered with
    // none, as browsers do.
    let protocol = header("Sec-WebSocket-Protocol").unwrap_or_default();
    if !protocol.is_empty() && !handshake.protocols.contains(&protocol) {
        return Err(format!("the server chose the subprotocol {protocol:?}, which was not asked for"));
    }
    let extensions = header("Sec-WebSocket-Extensions").unwrap_or_default();
    if !extensions.trim().is_empty() {
        return Err(format!("the server chose the extensions {extensions:?}, which were not offered"));
    }
    let socket = WebSocket::from_partially_read(stream, leftover, tungstenite::protocol::Role::Client, None);
    let set_cookies =
        headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie")).map(|(_, v)| v.clone()).collect();
    socket.get_ref().tcp().set_write_timeout(None).map_err(|e| e.to_string())?;
    Ok((socket, protocol, extensions, set_cookies))
}

/// The GUID of RFC 6455 §1.3, appended to the key for `Sec-WebSocket-Accept`.
const ACCEPT_GUID: &str = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/// The largest response head accepted.
const MAX_HEAD: usize = 64 * 1024;

/// The opening handshake's request and the checks of its response (RFC 6455 §4.1; the
/// WebSockets Standard's "establish a WebSocket connection": a redirect or any status other than
/// 101 fails the connection). Returns the bytes read past the response head (the first frames)
/// and the response's headers.
fn opening_handshake(
    stream: &mut Stream,
    user_agent: &str,
    handshake: &Handshake,
) -> Result<(Vec<u8>, Vec<(String, String)>), String> {
    use base64::Engine as _;
    let url = &handshake.url;
    let mut nonce = [0u8; 16];
    getrandom::getrandom(&mut nonce).map_err(|e| e.to_string())?;
    let key = base64::engine::general_purpose::STANDARD.encode(nonce);
    let host = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
        None => url.host_str().unwrap_or_default().to_owned(),
    };
    let target = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    };
    let mut request = format!(
        "GET {target} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nOrigin: {}\r\nUser-Agent: {user_agent}\r\n\
         Pragma: no-cache\r\nCache-Control: no-cache\r\n",
        handshake.origin
    );
    if !handshake.protocols.is_empty() {
        request.push_str(&format!("Sec-WebSocket-Protocol: {}\r\n", handshake.protocols.join(", ")));
    }
    if let Some(cookie) = &handshake.cookie {
        request.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    request.push_str("\r\n");
    if request.bytes().any(|b| b == 0 || (b < 0x20 && b != b'\r' && b != b'\n')) {
        return Err("a control character in the handshake request".into());
    }
    stream.write_all(request.as_bytes()).and_then(|()| stream.flush()).map_err(|e| e.to_string())?;

    // The response head.
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        if data.len() > MAX_HEAD {
            return Err("the handshake response head is too long".into());
        }
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("the server closed the connection during the handshake".into());
        }
        data.extend_from_slice(&buf[..n]);
    };
    let head: String = data[..head_end].iter().map(|&b| b as char).collect();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.splitn(3, ' ');
    let version = parts.next().unwrap_or_default();
    let status = parts.next().unwrap_or_default();
    if !version.starts_with("HTTP/1.") || status != "101" {
        return Err(format!("the handshake was answered with {status_line:?}"));
    }
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':').map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))).collect();
    let header = |name: &str| headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
    if !header("Upgrade").is_some_and(|v| v.eq_ignore_ascii_case("websocket")) {
        return Err("the handshake response has no 'Upgrade: websocket'".into());
    }
    if !header("Connection").is_some_and(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case("upgrade"))) {
        return Err("the handshake response has no 'Connection: Upgrade'".into());
    }
    let mut sha1 = sha1_smol::Sha1::new();
    sha1.update(key.as_bytes());
    sha1.update(ACCEPT_GUID.as_bytes());
    let accept = base64::engine::general_purpose::STANDARD.encode(sha1.digest().bytes());
    if header("Sec-WebSocket-Accept") != Some(accept.as_str()) {
        return Err("the handshake response's Sec-WebSocket-Accept does not match the key".into());
    }
    Ok((data[head_end..].to_vec(), headers))
}

/// The connection's thread.
fn run(
    roots: &[Vec<u8>],
    user_agent: &str,
    handshake: Handshake,
    commands: Receiver<Command>,
    mut on_event: impl FnMut(Event) -> bool,
) {
    let failed = || Event::Closed { clean: false, code: 1006, reason: String::new() };
    let (mut socket, protocol, extensions, set_cookies) = match open(roots, user_agent, &handshake) {
        Ok(opened) => opened,
        Err(e) => {
            log::info!("WebSocket connection to {} failed: {e}", handshake.url);
            on_event(failed());
            return;
        }
    };
    if !on_event(Event::Open { protocol, extensions, set_cookies }) {
        return;
    }
    let mut poll = POLL_MIN;
    // When our Close frame went out (the server then has HANDSHAKE_TIMEOUT to answer).
    let mut close_sent: Option<Instant> = None;
    // The server's Close frame, if one came.
    let mut close_received: Option<(u16, String)> = None;
    loop {
        // What the page queued.
        let mut active = false;
        loop {
            let command = match commands.try_recv() {
                Ok(command) => command,
                Err(TryRecvError::Empty) => break,
                // The page is gone: "going away".
                Err(TryRecvError::Disconnected) => {
                    if close_sent.is_none() {
                        let _ = socket.close(Some(CloseFrame { code: CloseCode::Away, reason: "".into() }));
                        let _ = socket.flush();
                    }
                    return;
                }
            };
            active = true;
            let (message, length) = match command {
                Command::Text(text) => {
                    let n = text.len();
                    (Message::text(text), n)
                }
                Command::Binary(bytes) => {
                    let n = bytes.len();
                    (Message::binary(bytes), n)
                }
                Command::Close { code, reason } => {
                    if close_sent.is_none() && close_received.is_none() {
                        let frame = code.map(|code| CloseFrame { code: CloseCode::from(code), reason: reason.into() });
                        // An error here shows on the next read.
                        let _ = socket.close(frame);
                        close_sent = Some(Instant::now());
                    }
                    continue;
                }
                Command::Fail => {
                    on_event(failed());
                    return;
                }
            };
            // Data queued after the closing handshake started is never sent (and stays in
            // bufferedAmount, as the standard says).
            if close_sent.is_some() || close_received.is_some() {
                continue;
            }
            if let Err(e) = socket.send(message) {
                log::info!("WebSocket send to {} failed: {e}", handshake.url);
                on_event(failed());
                return;
            }
            if !on_event(Event::Sent(length)) {
                return;
            }
        }
        if close_sent.is_some_and(|at| at.elapsed() > HANDSHAKE_TIMEOUT) {
            on_event(failed());
            return;
        }

        // What the server sent.
        poll = if active { POLL_MIN } else { (poll * 2).min(POLL_MAX) };
        let _ = socket.get_ref().tcp().set_read_timeout(Some(poll));
        let keep_going = match socket.read() {
            Ok(Message::Text(text)) => on_event(Event::Text(text.as_str().to_owned())),
            Ok(Message::Binary(bytes)) => on_event(Event::Binary(bytes.to_vec())),
            Ok(Message::Close(frame)) => {
                let first = close_received.is_none();
                close_received = Some(
                    frame.map(|f| (u16::from(f.code), f.reason.as_str().to_owned())).unwrap_or((1005, String::new())),
                );
                // The server started the closing handshake (tungstenite answers it).
                if first && close_sent.is_none() { on_event(Event::Closing) } else { true }
            }
            Ok(_) => true,
            Err(tungstenite::Error::Io(e))
                if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) =>
            {
                let _ = socket.flush();
                continue;
            }
            Err(tungstenite::Error::ConnectionClosed | tungstenite::Error::AlreadyClosed) => {
                let (code, reason) = close_received.take().unwrap_or((1005, String::new()));
                on_event(Event::Closed { clean: true, code, reason });
                return;
            }
            Err(e) => {
                // A server that closes TCP right after its Close frame ends the handshake too.
                if let Some((code, reason)) = close_received.take() {
                    on_event(Event::Closed { clean: true, code, reason });
                } else {
                    log::info!("WebSocket connection to {} broke: {e}", handshake.url);
                    on_event(failed());
                }
                return;
            }
        };
        if !keep_going {
            return;
        }
        poll = POLL_MIN;
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn bad_ports_are_sorted_and_found() {
        use crate::is_bad_port;
        assert!(is_bad_port(1) && is_bad_port(6697) && is_bad_port(10080));
        assert!(!is_bad_port(80) && !is_bad_port(443) && !is_bad_port(8000));
    }
}
