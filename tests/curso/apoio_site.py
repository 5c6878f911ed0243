"""Apoio ao teste do site: servidor HTTP local que registra cada pedido, e o Chromium do Debian.

Nada aqui é um teste; ``tests/curso/test_site.py`` usa estas funções.
"""

from __future__ import annotations

import functools
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")

# O Chromium sem rede: sem estas opções ele tenta serviços de fundo e enche o log de recusas.
OPCOES_CHROMIUM = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass
class Servidor:
    """O site servido em ``url``; ``respostas`` guarda (caminho, código) de cada pedido."""

    url: str
    respostas: list[tuple[str, int]] = field(default_factory=list)


def _tratador(pasta: Path, servidor: Servidor):
    class Tratador(SimpleHTTPRequestHandler):
        def log_request(self, code="-", size="-"):
            servidor.respostas.append((self.path, int(code) if str(code).isdigit() else 0))

        def log_message(self, *args):  # nada no stderr do pytest
            pass

    return functools.partial(Tratador, directory=str(pasta))


@contextmanager
def servir(pasta: Path):
    """Serve ``pasta`` em 127.0.0.1, numa porta livre escolhida pelo sistema, numa thread."""
    servidor = Servidor(url="")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _tratador(pasta, servidor))
    servidor.url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield servidor
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


@contextmanager
def chromium(pasta_perfil: Path, largura: int = 1280, altura: int = 900):
    """Um contexto do Chromium do Debian (headless, perfil novo) via Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        contexto = p.chromium.launch_persistent_context(
            str(pasta_perfil), executable_path=str(CHROMIUM), headless=True, args=OPCOES_CHROMIUM,
            viewport={"width": largura, "height": altura}, locale="pt-BR",
        )
        try:
            yield contexto
        finally:
            contexto.close()
