//! A self-managed instance with a private CA under a relative URL path: `openssl s_server`
//! serves canned API answers over HTTPS on loopback with a certificate from a CA made for
//! the test. With `ca_bundle` the GitLab client trusts it; without, it refuses to talk.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use vigil::platform::gitlab::GitlabPlatform;
use vigil::platform::gitlab::config::GitlabInstance;
use vigil::platform::{Platform, PlatformError, RepoCtx};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl is needed to make the test CA");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A CA, a server certificate for 127.0.0.1 signed by it, and `s_server -WWW` serving
/// `dir/www` on a free loopback port.
fn tls_server(dir: &Path) -> (Server, u16) {
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=vigil test CA",
        ],
    );
    openssl(
        dir,
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "srv.key",
            "-out",
            "srv.csr",
            "-subj",
            "/CN=127.0.0.1",
        ],
    );
    std::fs::write(
        dir.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "srv.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "srv.pem",
            "-days",
            "2",
            "-extfile",
            "ext.cnf",
        ],
    );
    // Canned answers, at the paths the client asks for under the relative URL path.
    let api = dir.join("www/gitlab/api/v4");
    std::fs::create_dir_all(api.join("projects/g%2Fapp/members/all")).unwrap();
    std::fs::write(api.join("user"), r#"{"id": 1, "username": "vigil-bot"}"#).unwrap();
    std::fs::write(
        api.join("projects/g%2Fapp/members/all/31"),
        r#"{"id": 31, "username": "dev", "access_level": 30}"#,
    )
    .unwrap();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("openssl")
        .args(["s_server", "-quiet", "-WWW", "-accept"])
        .arg(format!("127.0.0.1:{port}"))
        .args(["-cert", "../srv.pem", "-key", "../srv.key"])
        .current_dir(dir.join("www"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server(child);
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "s_server never listened");
        std::thread::sleep(Duration::from_millis(50));
    }
    (server, port)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_ca_bundle_and_relative_path_over_https() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, port) = tls_server(dir.path());
    let cfg = GitlabInstance {
        name: "corp".into(),
        url: format!("https://127.0.0.1:{port}/gitlab"),
        token: "glpat-test".into(),
        webhook_secret: "s".into(),
        ca_bundle: Some(dir.path().join("ca.pem")),
    };
    let repo = RepoCtx {
        scope: "corp".into(),
        repo: "g/app".into(),
    };
    let trusted = GitlabPlatform::new(
        std::slice::from_ref(&cfg),
        Arc::default(),
        Duration::from_secs(5),
    )
    .unwrap();
    assert!(
        trusted.can_request_rescan(&repo, "dev#31").await.unwrap(),
        "a Developer may rescan"
    );

    let untrusted = GitlabPlatform::new(
        &[GitlabInstance {
            ca_bundle: None,
            ..cfg
        }],
        Arc::default(),
        Duration::from_secs(5),
    )
    .unwrap();
    let err = untrusted
        .can_request_rescan(&repo, "dev#31")
        .await
        .unwrap_err();
    assert!(
        matches!(err, PlatformError::Transient { .. }),
        "an unknown CA is a connection failure: {err}"
    );
}
