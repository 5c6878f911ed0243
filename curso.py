#!/usr/bin/env python3
"""Comandos do curso convaula; só precisa de Python 3.10+ para começar.

    python3 curso.py abrir       prepara o ambiente e abre o curso no JupyterLab
    python3 curso.py testar      prepara o ambiente e roda todos os testes (pytest + nbval)
    python3 curso.py executar    reexecuta os notebooks no lugar (saídas a versionar)
    python3 curso.py figuras     regenera todos os arquivos de figures/
    python3 curso.py corrigir    executa notebooks de alunos e relata os exercícios conferidos

O ambiente virtual fica em ``.venv/`` (ou no ambiente já ativo, ou onde a variável
CONVAULA_VENV mandar) e só é reinstalado quando requirements.txt ou pyproject.toml mudam.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import time
import venv
from pathlib import Path

RAIZ = Path(__file__).resolve().parent
NOTEBOOKS = RAIZ / "notebooks"
MARCA = ".convaula-requisitos"


def _pasta_venv() -> Path:
    """CONVAULA_VENV, senão o ambiente virtual já ativo, senão ``.venv/`` na raiz do curso."""
    if "CONVAULA_VENV" in os.environ:
        return Path(os.environ["CONVAULA_VENV"]).expanduser().resolve()
    if sys.prefix != sys.base_prefix:
        return Path(sys.prefix).resolve()
    return (RAIZ / ".venv").resolve()


def _python_do_venv(pasta: Path) -> Path:
    return pasta / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _assinatura() -> str:
    h = hashlib.sha256()
    for nome in ("requirements.txt", "pyproject.toml"):
        h.update((RAIZ / nome).read_bytes())
    return h.hexdigest()


def preparar_ambiente() -> Path:
    """Cria (ou reaproveita) o ambiente virtual e instala as dependências e o pacote."""
    pasta = _pasta_venv()
    python = _python_do_venv(pasta)
    marca = pasta / MARCA
    if python.exists() and marca.exists() and marca.read_text() == _assinatura():
        return python
    if not python.exists():
        print(f"[convaula] criando o ambiente virtual em {pasta}", flush=True)
        venv.EnvBuilder(with_pip=True).create(pasta)
    print("[convaula] instalando as dependências (a primeira vez leva alguns minutos)", flush=True)
    inicio = time.monotonic()
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check"]
    subprocess.run(pip + ["--upgrade", "pip"], check=True)
    subprocess.run(pip + ["-r", str(RAIZ / "requirements.txt")], check=True)
    subprocess.run(pip + ["--no-deps", "-e", str(RAIZ)], check=True)
    marca.write_text(_assinatura())
    print(f"[convaula] ambiente pronto em {time.monotonic() - inicio:.0f} s", flush=True)
    return python


def _dentro_do_venv() -> bool:
    return Path(sys.prefix).resolve() == _pasta_venv()


def _notebooks(caminhos: list[str]) -> list[Path]:
    if caminhos:
        return [Path(c).resolve() for c in caminhos]
    return sorted(p for p in NOTEBOOKS.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def cmd_abrir(args: argparse.Namespace) -> int:
    # A raiz do servidor é o curso inteiro: os notebooks mostram figuras de ../figures/.
    comando = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={RAIZ}",
               "--LabApp.default_url=/lab/tree/notebooks/01_convolucao_1d.ipynb"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # contêineres e máquinas de nuvem rodam como root
        comando.append("--allow-root")
    return subprocess.call(comando)


def cmd_testar(args: argparse.Namespace) -> int:
    # O modo CI (CONVAULA_CI=1) e o backend do matplotlib vêm do conftest.py.
    comando = [
        sys.executable, "-m", "pytest", "--nbval",
        "--nbval-sanitize-with", str(RAIZ / "tests" / "nbval_sanitize.cfg"),
        *[pasta for pasta in ("tests", "notebooks") if (RAIZ / pasta).is_dir()], *args.extra,
    ]
    print("[convaula] " + " ".join(comando[1:]), flush=True)
    return subprocess.call(comando, cwd=RAIZ)


def cmd_executar(args: argparse.Namespace) -> int:
    import nbformat
    from nbclient import NotebookClient

    if not args.completo:
        os.environ["CONVAULA_CI"] = "1"
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    for caminho in _notebooks(args.notebooks):
        nb = nbformat.read(caminho, as_version=4)
        inicio = time.monotonic()
        NotebookClient(
            nb, timeout=600, kernel_name="python3", store_widget_state=False,
            resources={"metadata": {"path": str(caminho.parent)}},
        ).execute()
        nbformat.write(nb, caminho)
        print(f"[convaula] {caminho.relative_to(RAIZ)}: {time.monotonic() - inicio:.1f} s", flush=True)
    return 0


def cmd_corrigir(args: argparse.Namespace) -> int:
    from convaula.exercicios.corrigir import corrigir

    corrigir(args.caminhos, saida=args.saida, tempo=args.tempo)
    return 0


def cmd_figuras(args: argparse.Namespace) -> int:
    return subprocess.call([sys.executable, "-m", "convaula.desenho.figuras", *args.extra], cwd=RAIZ)


def main() -> int:
    analisador = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = analisador.add_subparsers(dest="comando", required=True)
    sub.add_parser("abrir", help="prepara o ambiente e abre o JupyterLab").set_defaults(f=cmd_abrir)
    testar = sub.add_parser("testar", help="prepara o ambiente e roda todos os testes; "
                            "outros argumentos vão para o pytest (ex.: -k matriz, -m 'not navegador')")
    testar.set_defaults(f=cmd_testar)
    executar = sub.add_parser("executar", help="reexecuta notebooks no lugar (todos, por padrão)")
    executar.add_argument("notebooks", nargs="*", help="notebooks a executar")
    executar.add_argument("--completo", action="store_true",
                          help="modo completo (sem CONVAULA_CI): Fashion-MNIST real no notebook 08")
    executar.set_defaults(f=cmd_executar)
    corrigir = sub.add_parser("corrigir", help="executa notebooks de alunos (cópias) e relata cada "
                              "exercício conferido em correcao.csv e correcao.md")
    corrigir.add_argument("caminhos", nargs="+", help="notebooks ou pastas com notebooks")
    corrigir.add_argument("--saida", default="correcao", help="pasta dos relatórios (padrão: correcao)")
    corrigir.add_argument("--tempo", type=float, default=120.0,
                          help="limite em segundos por notebook (padrão: 120)")
    corrigir.set_defaults(f=cmd_corrigir)
    sub.add_parser("figuras", help="regenera figures/; outros argumentos vão para convaula.figuras"
                   ).set_defaults(f=cmd_figuras)
    args, extra = analisador.parse_known_args()
    if extra and args.comando not in ("testar", "figuras"):
        analisador.error(f"argumentos não reconhecidos: {' '.join(extra)}")
    args.extra = extra

    python = preparar_ambiente()
    if not _dentro_do_venv():
        return subprocess.call([str(python), str(Path(__file__).resolve()), *sys.argv[1:]])
    return args.f(args)


if __name__ == "__main__":
    sys.exit(main())
