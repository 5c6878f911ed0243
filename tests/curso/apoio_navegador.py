"""Apoio ao teste no navegador: um JupyterLab isolado (porta livre, token) e o Chromium do Debian.

Nada aqui é um teste; ``tests/curso/test_navegador.py`` usa estas funções. O servidor roda com
pastas de configuração próprias (temporárias), para que nem a configuração do usuário nem um
espaço de trabalho salvo mudem o que o teste vê, e é sempre encerrado, com o kernel junto.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")

# O Chromium sem rede: sem estas opções ele tenta serviços de fundo e enche o log de recusas.
OPCOES_CHROMIUM = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Preferências do JupyterLab para o teste: todas as células no DOM (sem janela virtual) e
# nenhuma busca de notícias ou atualizações (não há rede).
CONFIG_LAB = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


@dataclass
class Servidor:
    """Um JupyterLab rodando: endereço, token e o arquivo com o log."""

    url: str
    token: str
    log: Path
    processo: subprocess.Popen

    def endereco(self, caminho: str) -> str:
        """URL de ``caminho`` (relativo à raiz do servidor) já com o token."""
        return f"{self.url}{caminho}?token={self.token}"

    def fim_do_log(self, caracteres: int = 3000) -> str:
        """As últimas linhas do log do servidor, para as mensagens de falha."""
        texto = self.log.read_text(errors="replace") if self.log.exists() else ""
        return texto[-caracteres:]


def porta_livre() -> int:
    """Uma porta TCP livre em 127.0.0.1 (escolhida pelo sistema)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _escrever_config_lab(pasta: Path) -> None:
    for nome, conteudo in CONFIG_LAB.items():
        extensao, arquivo = nome.rsplit("/", 1)
        destino = pasta / extensao / arquivo
        destino.parent.mkdir(parents=True, exist_ok=True)
        destino.write_text(json.dumps(conteudo))


def _ambiente(pasta: Path) -> dict[str, str]:
    """Variáveis do servidor (e do kernel): pastas Jupyter temporárias, matplotlib do notebook."""
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)  # no JupyterLab o estudante tem o backend inline, não o Agg
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    for variavel, sub in [("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                          ("JUPYTERLAB_SETTINGS_DIR", "lab-settings"),
                          ("JUPYTERLAB_WORKSPACES_DIR", "lab-workspaces"), ("IPYTHONDIR", "ipython")]:
        (pasta / sub).mkdir(parents=True, exist_ok=True)
        env[variavel] = str(pasta / sub)
    _escrever_config_lab(pasta / "lab-settings")
    return env


def _esperar_status(url: str, token: str, processo: subprocess.Popen, limite_s: float) -> None:
    fim = time.monotonic() + limite_s
    pedido = urllib.request.Request(f"{url}api/status", headers={"Authorization": f"token {token}"})
    while time.monotonic() < fim:
        if processo.poll() is not None:
            raise RuntimeError(f"o JupyterLab terminou sozinho (código {processo.returncode})")
        try:
            with urllib.request.urlopen(pedido, timeout=2) as resposta:
                if resposta.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise TimeoutError(f"o JupyterLab não respondeu em {url}api/status em {limite_s:.0f} s")


def _encerrar(processo: subprocess.Popen) -> None:
    """SIGTERM ao grupo do servidor (ele desliga o kernel), SIGKILL se não sair em 15 s."""
    if processo.poll() is not None:
        return
    try:
        os.killpg(processo.pid, signal.SIGTERM)
        processo.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(processo.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        processo.wait(timeout=5)


@contextmanager
def jupyterlab(raiz: Path, pasta_trabalho: Path, limite_s: float = 60):
    """Inicia o JupyterLab do ambiente atual servindo ``raiz`` e o encerra na saída."""
    token = secrets.token_hex(16)
    porta = porta_livre()
    log = pasta_trabalho / "jupyterlab.log"
    comando = [
        sys.executable, "-m", "jupyterlab", "--no-browser",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={porta}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={raiz}",
        "--ServerApp.open_browser=False", "--LabApp.news_url=", "--LabApp.check_for_updates_class="
        "jupyterlab.handlers.announcements.NeverCheckForUpdate", "--ServerApp.terminals_enabled=False",
        "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: lê as saídas do modelo do notebook
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        comando.append("--ServerApp.allow_root=True")  # CI em contêiner roda como root
    with open(log, "wb") as saida:
        processo = subprocess.Popen(comando, stdout=saida, stderr=subprocess.STDOUT, cwd=raiz,
                                    env=_ambiente(pasta_trabalho), start_new_session=True)
    servidor = Servidor(f"http://127.0.0.1:{porta}/", token, log, processo)
    try:
        try:
            _esperar_status(servidor.url, token, processo, limite_s)
        except (RuntimeError, TimeoutError) as erro:
            raise RuntimeError(f"{erro}\n--- log do JupyterLab ---\n{servidor.fim_do_log()}") from None
        yield servidor
    finally:
        _encerrar(processo)


@contextmanager
def chromium(pasta_perfil: Path, largura: int = 1400, altura: int = 1000):
    """Uma página do Chromium do Debian (headless, perfil novo em ``pasta_perfil``) via Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        contexto = p.chromium.launch_persistent_context(
            str(pasta_perfil), executable_path=str(CHROMIUM), headless=True, args=OPCOES_CHROMIUM,
            viewport={"width": largura, "height": altura},
        )
        try:
            yield contexto.pages[0] if contexto.pages else contexto.new_page()
        finally:
            contexto.close()
