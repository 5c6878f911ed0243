"""``curso.py abrir`` de ponta a ponta: argumentos repassados e a interface em português.

O JupyterLab sobe com o comando que ``curso.argv_abrir`` monta (``--port``, ``--ip`` e
``--no-browser`` repassados) e as preferências que ``curso.preferencias_lab`` prepara num
ambiente temporário, e o Chromium do Debian confere que o menu
está em português (itens do menu Arquivo e o navegador de arquivos). Sem ``/usr/bin/chromium`` o teste é pulado.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .apoio_site import CHROMIUM, chromium
from .test_instalacao import curso

pytestmark = [pytest.mark.lento, pytest.mark.navegador]


def _porta_livre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _esperar(url: str, processo: subprocess.Popen, limite_s: float = 90) -> None:
    fim = time.monotonic() + limite_s
    while time.monotonic() < fim:
        assert processo.poll() is None, f"o JupyterLab terminou sozinho (código {processo.returncode})"
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise TimeoutError(f"o JupyterLab não respondeu em {url}")


def _ambiente(pasta: Path) -> dict[str, str]:
    env = dict(os.environ)
    for variavel in ("JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTERLAB_SETTINGS_DIR",
                     "JUPYTERLAB_WORKSPACES_DIR", "IPYTHONDIR"):
        (pasta / variavel.lower()).mkdir()
        env[variavel] = str(pasta / variavel.lower())
    return env


def test_abrir_com_porta_e_menu_em_portugues(tmp_path):
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium não encontrado em {CHROMIUM}: instale com apt-get install chromium")
    pytest.importorskip("jupyterlab_language_pack_pt_BR", reason="falta jupyterlab-language-pack-pt-br")
    porta, token = _porta_livre(), secrets.token_hex(8)
    env = _ambiente(tmp_path)
    del env["JUPYTERLAB_SETTINGS_DIR"]  # a pasta de preferências é a do curso, no ambiente
    curso.preferencias_lab(tmp_path / "prefixo")  # o que o rodar_abrir faz antes de rodar o comando
    comando = curso.argv_abrir(["--no-browser", "--port", str(porta), "--ip", "127.0.0.1",
                                   f"--IdentityProvider.token={token}", "--LabApp.news_url=",
                                   "--ServerApp.port_retries=0"], prefixo=tmp_path / "prefixo")
    with open(tmp_path / "jupyterlab.log", "wb") as log:
        processo = subprocess.Popen(comando, stdout=log, stderr=subprocess.STDOUT, env=env,
                                    start_new_session=True)
    try:
        _esperar(f"http://127.0.0.1:{porta}/api/status?token={token}", processo)
        with chromium(tmp_path / "perfil") as contexto:
            pagina = contexto.new_page()
            pagina.goto(f"http://127.0.0.1:{porta}/lab?token={token}")
            pagina.wait_for_selector(".lm-MenuBar-itemLabel", timeout=60_000)
            # O pacote pt-BR ainda não traduz os títulos da barra de menus (File, Edit...), mas
            # traduz os itens dos menus e o navegador de arquivos.
            pagina.locator(".lm-MenuBar-itemLabel").first.click()
            pagina.wait_for_selector(".lm-Menu-itemLabel", timeout=10_000)
            itens = pagina.locator(".lm-Menu-itemLabel").all_inner_texts()
            cabecalho = pagina.locator(".jp-DirListing-headerItemText").all_inner_texts()
    finally:
        os.killpg(processo.pid, signal.SIGTERM)
        processo.wait(timeout=20)
    assert {"Novo iniciador", "Salvar todos", "Fechar a aba"} <= set(itens), f"menu Arquivo: {itens}"
    assert "Nome" in cabecalho, f"navegador de arquivos: {cabecalho}"
