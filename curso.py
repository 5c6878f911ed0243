#!/usr/bin/env python3
"""Comandos do curso convaula; só precisa de Python 3.10+ para começar.

``python3 curso.py --help`` lista os comandos; ``python3 curso.py COMANDO --help``, as opções
de cada um. Os comandos marcados "outros argumentos vão para..." repassam o que não
reconhecem; os outros recusam argumentos a mais.

O ambiente virtual fica em ``.venv/`` (ou no ambiente já ativo, ou onde a variável
CONVAULA_VENV mandar), com as versões exatas de requirements-lock.txt, e só é reinstalado
quando requirements-lock.txt, requirements.txt ou pyproject.toml mudam. Numa máquina Linux sem
GPU NVIDIA, o PyTorch vem do índice só-CPU do PyTorch (bem menor), quando ele responde.
As variáveis CONVAULA_* estão todas em convaula/config.py (e na tabela do README).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import venv
from pathlib import Path

RAIZ = Path(__file__).resolve().parent
NOTEBOOKS = RAIZ / "notebooks"
LOCK = RAIZ / "requirements-lock.txt"
MARCA = ".convaula-requisitos"
INDICE_CPU = "https://download.pytorch.org/whl/cpu"
# Pacotes que só o PyTorch com CUDA usa: ficam de fora da instalação só-CPU.
SO_CUDA = re.compile(r"^(nvidia-[\w.-]+|triton|cuda-[\w.-]+)\s*==", re.I)
# A interface do JupyterLab em português (pacote jupyterlab-language-pack-pt-br): a preferência
# do usuário, porque o servidor traduz os menus só por ela (um overrides.json não basta).
IDIOMA_LAB = Path("@jupyterlab", "translation-extension", "plugin.jupyterlab-settings")
# Sem a pergunta "Would you like to get notified about official Jupyter news?", que cobre o
# canto dos exploradores (o curso não busca notícias nem atualizações).
NOTICIAS_LAB = Path("@jupyterlab", "apputils-extension", "notification.jupyterlab-settings")


def _carregar_config():
    """``convaula/config.py`` pelo caminho do arquivo: ele só usa a biblioteca padrão, e este
    script roda antes de o ambiente (e o ``torch``, que ``import convaula`` traria) existir."""
    spec = importlib.util.spec_from_file_location("convaula_config", RAIZ / "convaula" / "config.py")
    modulo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modulo)
    return modulo


CONFIG = _carregar_config()


def _pasta_venv(ultimas: bool = False) -> Path:
    """CONVAULA_VENV, senão o ambiente virtual já ativo, senão ``.venv/`` na raiz do curso."""
    if ultimas:
        return Path(CONFIG.ler("CONVAULA_VENV_ULTIMAS") or RAIZ / ".venv-ultimas").expanduser().resolve()
    if CONFIG.ler("CONVAULA_VENV"):
        return Path(CONFIG.ler("CONVAULA_VENV")).expanduser().resolve()
    if sys.prefix != sys.base_prefix:
        return Path(sys.prefix).resolve()
    return (RAIZ / ".venv").resolve()


def _python_do_venv(pasta: Path) -> Path:
    return pasta / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _assinatura(ultimas: bool = False) -> str:
    """Resumo dos arquivos de requisitos; com ``ultimas``, também a data (renova uma vez ao dia)."""
    h = hashlib.sha256()
    for nome in ("requirements.txt", "requirements-lock.txt", "pyproject.toml"):
        h.update((RAIZ / nome).read_bytes())
    if ultimas:
        h.update(datetime.date.today().isoformat().encode())
    return h.hexdigest()


def tem_gpu_nvidia() -> bool:
    """Há um driver NVIDIA nesta máquina (``nvidia-smi`` ou ``/proc/driver/nvidia``)?"""
    return shutil.which("nvidia-smi") is not None or Path("/proc/driver/nvidia").exists()


def indice_cpu_responde(limite_s: float = 10) -> bool:
    """O índice só-CPU do PyTorch responde daqui?"""
    try:
        with urllib.request.urlopen(f"{INDICE_CPU}/torch/", timeout=limite_s) as resposta:
            return resposta.status == 200
    except (OSError, ValueError):
        return False


def lock_sem_cuda(destino: Path) -> Path:
    """Copia o lock sem os pacotes que só o PyTorch com CUDA usa (nvidia-*, triton)."""
    linhas = LOCK.read_text(encoding="utf-8").splitlines()
    destino.write_text("\n".join(l for l in linhas if not SO_CUDA.match(l)) + "\n", encoding="utf-8")
    return destino


def _instalador(python: Path) -> list[str]:
    """``uv pip install`` (do PATH, ou instalado no próprio ambiente) ou, sem uv, ``pip install``."""
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check"]
    if CONFIG.ler("CONVAULA_INSTALADOR") == "pip":
        return pip
    uv = shutil.which("uv") or shutil.which("uv", path=str(python.parent))
    if uv is None and subprocess.run(pip + ["-q", "uv"]).returncode == 0:
        uv = shutil.which("uv", path=str(python.parent))
    if uv is None:
        print("[convaula] uv indisponível; instalando com o pip (mais lento)", flush=True)
        return pip
    return [uv, "pip", "install", "--python", str(python)]


def _so_cpu(instalador: list[str]) -> list[str] | None:
    """Opções para o PyTorch só-CPU, ou None quando não se aplicam ou o índice não responde."""
    if not sys.platform.startswith("linux") or tem_gpu_nvidia() or CONFIG.ler("CONVAULA_TORCH") == "padrao":
        return None  # no macOS e no Windows o PyTorch do PyPI já é só-CPU
    if not indice_cpu_responde():
        print(f"[convaula] esta máquina não tem GPU NVIDIA, mas o índice só-CPU do PyTorch ({INDICE_CPU}) "
              "não respondeu: instalando o PyTorch do índice padrão (PyPI), que traz as bibliotecas "
              "CUDA e ocupa alguns GB a mais. Tudo funciona igual, só na CPU.", flush=True)
        return None
    print("[convaula] sem GPU NVIDIA: instalando o PyTorch só-CPU (bem menor)", flush=True)
    if "uv" in Path(instalador[0]).name:
        return ["--torch-backend=cpu"]
    return ["--index-url", INDICE_CPU, "--extra-index-url", "https://pypi.org/simple"]


def _instalar(python: Path, ultimas: bool) -> None:
    instalador = _instalador(python)
    if ultimas:  # as versões mais novas que requirements.txt permite
        subprocess.run(instalador + ["--upgrade", "-r", str(RAIZ / "requirements.txt")], check=True)
    else:
        opcoes_cpu = _so_cpu(instalador)
        with tempfile.TemporaryDirectory() as pasta:
            lock = LOCK if opcoes_cpu is None else lock_sem_cuda(Path(pasta) / "lock-cpu.txt")
            subprocess.run(instalador + ["-r", str(lock), *(opcoes_cpu or [])], check=True)
    subprocess.run(instalador + ["--no-deps", "-e", str(RAIZ)], check=True)


def pasta_preferencias_lab(prefixo: Path) -> Path:
    """A pasta de preferências do JupyterLab do curso (só o caminho; nada é escrito).

    É ``JUPYTERLAB_SETTINGS_DIR``, se definida, senão uma pasta dentro do ambiente ``prefixo``
    (as preferências do curso não mexem nas do JupyterLab de fora).
    """
    return Path(os.environ.get("JUPYTERLAB_SETTINGS_DIR")
                or prefixo / "share" / "jupyter" / "lab" / "convaula-preferencias")


def preferencias_lab(prefixo: Path) -> Path:
    """Prepara ``pasta_preferencias_lab(prefixo)``: em português se ninguém escolheu outro idioma,
    e sem a pergunta das notícias do Jupyter."""
    pasta = pasta_preferencias_lab(prefixo)
    for nome, valor in ((IDIOMA_LAB, {"locale": "pt_BR"}),
                        (NOTICIAS_LAB, {"fetchNews": "false", "checkForUpdates": False})):
        arquivo = pasta / nome
        if not arquivo.exists():
            arquivo.parent.mkdir(parents=True, exist_ok=True)
            arquivo.write_text(json.dumps(valor, indent=2) + "\n", encoding="utf-8")
    return pasta


def preparar_ambiente(ultimas: bool = False) -> Path:
    """Cria (ou reaproveita) o ambiente virtual e instala as dependências e o pacote."""
    pasta = _pasta_venv(ultimas)
    python = _python_do_venv(pasta)
    marca = pasta / MARCA
    if not (python.exists() and marca.exists() and marca.read_text() == _assinatura(ultimas)):
        if not python.exists():
            print(f"[convaula] criando o ambiente virtual em {pasta}", flush=True)
            venv.EnvBuilder(with_pip=True).create(pasta)
        print("[convaula] instalando as dependências (a primeira vez leva alguns minutos)", flush=True)
        inicio = time.monotonic()
        _instalar(python, ultimas)
        marca.write_text(_assinatura(ultimas))
        print(f"[convaula] ambiente pronto em {time.monotonic() - inicio:.0f} s", flush=True)
    return python


def _dentro_do_venv(ultimas: bool = False) -> bool:
    return Path(sys.prefix).resolve() == _pasta_venv(ultimas)


def _notebooks(caminhos: list[str]) -> list[Path]:
    if caminhos:
        return [Path(c).resolve() for c in caminhos]
    return sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def argv_abrir(extra: list[str], prefixo: Path = Path(sys.prefix)) -> list[str]:
    """O comando do JupyterLab (só monta; ``rodar_abrir`` prepara as preferências e roda);
    ``extra`` (``--port``, ``--no-browser``, ``--ip``...) vai no fim."""
    # A raiz do servidor é o curso inteiro: os notebooks mostram figuras de ../figures/.
    primeira = min(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"), default=None)
    comando = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={RAIZ}",
               f"--LabApp.user_settings_dir={pasta_preferencias_lab(prefixo)}"]
    if primeira is not None:
        comando.append(f"--LabApp.default_url=/lab/tree/notebooks/{primeira.name}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # contêineres e máquinas de nuvem rodam como root
        comando.append("--allow-root")
    return comando + extra


def rodar_abrir(args: argparse.Namespace) -> int:
    preferencias_lab(Path(sys.prefix))
    return subprocess.call(argv_abrir(args.extra))


def argv_testar(rapido: bool, extra: list[str]) -> list[str]:
    """O pytest do curso: tudo (com nbval nos notebooks) ou, com ``rapido``, só os rápidos."""
    if rapido:
        return [sys.executable, "-m", "pytest", "-m", "not lento and not navegador", "tests", *extra]
    return [sys.executable, "-m", "pytest", "--nbval",
            "--nbval-sanitize-with", str(RAIZ / "tests" / "nbval_sanitize.cfg"),
            *[pasta for pasta in ("tests", "notebooks") if (RAIZ / pasta).is_dir()], *extra]


def rodar_testar(args: argparse.Namespace) -> int:
    # O modo CI (CONVAULA_CI=1) e o backend do matplotlib vêm do conftest.py.
    comando = argv_testar(args.rapido, args.extra)
    print("[convaula] " + " ".join(comando[1:]), flush=True)
    return subprocess.call(comando, cwd=RAIZ)


def rodar_executar(args: argparse.Namespace) -> int:
    """Reexecuta e grava cada notebook; 1 se algum falhou (esse não é gravado) ou se não há nenhum."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    if not args.completo:
        os.environ["CONVAULA_CI"] = "1"
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    caminhos, falhas = _notebooks(args.notebooks), []
    if not caminhos:
        print("[convaula] nenhum notebook para executar", file=sys.stderr, flush=True)
        return 1
    for caminho in caminhos:
        nb = nbformat.read(caminho, as_version=4)
        inicio = time.monotonic()
        try:
            NotebookClient(
                nb, timeout=600, kernel_name="python3", store_widget_state=False,
                resources={"metadata": {"path": str(caminho.parent)}},
            ).execute()
        except CellExecutionError as erro:
            falhas.append(caminho)
            print(f"[convaula] {caminho}: falhou (não foi gravado)\n{erro}", file=sys.stderr, flush=True)
            continue
        nbformat.write(nb, caminho)
        print(f"[convaula] {caminho.relative_to(RAIZ)}: {time.monotonic() - inicio:.1f} s", flush=True)
    return 1 if falhas else 0


def rodar_corrigir(args: argparse.Namespace) -> int:
    from convaula.exercicios.corrigir import corrigir

    try:
        entregas = corrigir(args.caminhos, saida=args.saida, tempo=args.tempo,
                            notebook=args.notebook, trabalhadores=args.trabalhadores)
    except KeyboardInterrupt:
        print("[corrigir] interrompido; o relatório tem as entregas corrigidas até aqui.")
        return 130
    except OSError as erro:
        print(f"[corrigir] não consegui escrever os relatórios em {args.saida}: {erro.strerror}.")
        return 1
    return 0 if entregas and any(e.estado != "erro_da_correcao" for e in entregas) else 1


def rodar_figuras(args: argparse.Namespace) -> int:
    return subprocess.call([sys.executable, "-m", "convaula.desenho.figuras", *args.extra], cwd=RAIZ)


def rodar_site(args: argparse.Namespace) -> int:
    return subprocess.call([sys.executable, str(RAIZ / "docs" / "construir.py"), *args.extra], cwd=RAIZ)


def _comando(sub, nome: str, funcao, ajuda: str, repassa: bool = False) -> argparse.ArgumentParser:
    """Um subcomando; ``repassa``: os argumentos que ele não reconhece vão para o programa que roda."""
    analisador = sub.add_parser(nome, help=ajuda)
    analisador.set_defaults(f=funcao, repassa=repassa)
    return analisador


def _analisador() -> argparse.ArgumentParser:
    analisador = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = analisador.add_subparsers(dest="comando", required=True)
    _comando(sub, "abrir", rodar_abrir, "prepara o ambiente e abre o JupyterLab; outros argumentos vão "
             "para o JupyterLab (ex.: --port 8890 --no-browser --ip 0.0.0.0)", repassa=True)
    testar = _comando(sub, "testar", rodar_testar, "prepara o ambiente e roda todos os testes; "
                      "outros argumentos vão para o pytest (ex.: -k matriz, -m 'not navegador')", repassa=True)
    testar.add_argument("--rapido", action="store_true",
                        help="só os testes rápidos: sem nbval, navegador, ortografia e site")
    testar.add_argument("--ultimas", action="store_true",
                        help="as versões mais novas permitidas por requirements.txt, num ambiente à "
                        "parte (.venv-ultimas/): aviso antecipado de quebra")
    executar = _comando(sub, "executar", rodar_executar, "reexecuta notebooks no lugar (todos, por padrão)")
    executar.add_argument("notebooks", nargs="*", help="notebooks a executar")
    executar.add_argument("--completo", action="store_true",
                          help="modo completo (sem CONVAULA_CI): Fashion-MNIST real no notebook da LeNet-5")
    corrigir = _comando(sub, "corrigir", rodar_corrigir, "executa notebooks de alunos (cada um numa caixa "
                        "de areia) e relata cada exercício conferido em correcao.csv e correcao.md")
    corrigir.add_argument("caminhos", nargs="+", help="notebooks ou pastas com notebooks")
    corrigir.add_argument("--saida", default="correcao", help="pasta dos relatórios (padrão: correcao)")
    corrigir.add_argument("--tempo", type=float, default=120.0,
                          help="limite em segundos por notebook (padrão: 120)")
    corrigir.add_argument("--notebook", metavar="NN", help="a lição das entregas (03); sem isso, "
                          "ela vem dos ids das células, nunca do nome do arquivo")
    corrigir.add_argument("--trabalhadores", type=int, default=None,
                          help="notebooks corrigidos ao mesmo tempo (padrão: um por núcleo)")
    _comando(sub, "figuras", rodar_figuras, "regenera figures/; outros argumentos vão para "
             "convaula.desenho.figuras", repassa=True)
    _comando(sub, "site", rodar_site, "constrói o site estático em _site/html/ (sem reexecutar nada); "
             "outros argumentos vão para docs/construir.py", repassa=True)
    return analisador


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    analisador = _analisador()
    args, extra = analisador.parse_known_args(argv)
    if extra and not args.repassa:
        analisador.error(f"argumentos não reconhecidos: {' '.join(extra)}")
    args.extra = extra
    ultimas = getattr(args, "ultimas", False)

    python = preparar_ambiente(ultimas)
    if not _dentro_do_venv(ultimas):
        return subprocess.call([str(python), str(Path(__file__).resolve()), *argv])
    return args.f(args)


if __name__ == "__main__":
    sys.exit(main())
