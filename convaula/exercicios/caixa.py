"""A caixa de areia de cada notebook corrigido: bubblewrap no Linux, o possível nos outros.

Com o ``bwrap`` (pacote ``bubblewrap`` do Debian; o mesmo isolamento do Flatpak, mantido e
auditado, sem serviço nem privilégio extra), cada execução vê o sistema só para leitura, com
``/tmp`` e a pasta pessoal (HOME) privados e vazios, as pastas da turma e dos relatórios
escondidas, o curso e o Python de volta só para leitura, sem rede (``--unshare-net``), num
espaço de processos próprio (``--unshare-pid``: quando a execução termina, todos os
processos que ela criou morrem juntos, inclusive os que mudaram de sessão) e sem
capacidades de administrador. Limites de memória, tempo de CPU, processos e tamanho de
arquivo são aplicados pelo próprio processo antes do código do aluno
(``execucao.limitar``); onde o sistema deixa criar um cgroup ``pids``, o número de processos
também é limitado por ele (o limite do ``setrlimit`` não vale para o root). Sem ``bwrap`` (macOS, Windows, Linux sem ele), ``Caixa.aviso`` diz
em português o que falta, e a execução ainda tem HOME e temporários privados, os limites
que o sistema aceita e o grupo de processos encerrado no fim.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .. import config

__all__ = ["Caixa", "aquecer", "cache_de_bytecode", "escolher"]

RAIZ = Path(__file__).resolve().parents[2]
DENTRO = "/tmp/trabalho"
EXECUCAO = Path(__file__).resolve().parent / "execucao.py"


def _bwrap_funciona(bwrap: str) -> bool:
    try:
        return subprocess.run(
            [bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
             "--unshare-all", "--die-with-parent", "--", "true"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _dentro(caminho: Path, pasta: Path) -> bool:
    return caminho == pasta or pasta in caminho.parents


@dataclass
class Caixa:
    """Como rodar um processo isolado. ``tipo``: ``"bubblewrap"`` ou ``"nenhuma"``."""

    tipo: str
    bwrap: str = ""
    aviso: str = ""
    ocultar: list[Path] = field(default_factory=list)
    limites: dict = field(default_factory=lambda: {"memoria": 2 << 30, "cpu": 0, "processos": 256})

    def _comando_bwrap(self, pasta: Path, home: str) -> list[str]:
        # esconder "/" esconderia tudo; o curso e o Python voltam depois, só para leitura
        ocultas = sorted({p for p in self.ocultar if p.is_dir() and p != Path("/")},
                         key=lambda p: len(p.parts))
        # /tmp vazio (e a pasta temporária do sistema, se for outra); um curso clonado dentro
        # de /tmp volta a aparecer, só para leitura, como qualquer outra pasta escondida
        ocultas += [p for p in {Path("/tmp"), Path(tempfile.gettempdir()).resolve()} if p not in ocultas]
        comando = [self.bwrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"]
        # o que precisa continuar legível: o curso e o Python (base, ambiente e sys.path);
        # as montagens vão da mais rasa à mais funda, então uma pasta da turma dentro do
        # curso fica escondida e o Python dentro da HOME volta a aparecer
        ler = {RAIZ, Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(),
               Path(sys.executable).resolve().parent, cache_de_bytecode()}
        ler |= {Path(p).resolve() for p in sys.path if p and Path(p).is_dir()}
        montagens = [(p, "--tmpfs") for p in ocultas]
        montagens += [(p, "--ro-bind") for p in ler
                      if any(_dentro(p, o) and p != o for o in ocultas) and p not in ocultas]
        for p, tipo in sorted(set(montagens), key=lambda m: (len(m[0].parts), m[1])):
            comando += [tipo, str(p)] if tipo == "--tmpfs" else [tipo, str(p), str(p)]
        comando += ["--bind", str(pasta), DENTRO, "--unshare-all", "--die-with-parent",
                    "--new-session", "--cap-drop", "ALL", "--chdir", DENTRO, "--setenv", "HOME", home]
        return comando

    def rodar(self, modo: str, pasta: Path, tempo: float, limites: dict | None = None) -> tuple[str, float]:
        """Roda ``execucao`` (``modo``) sobre ``pasta``; devolve (fim, segundos), com fim
        ``"ok"``, ``"tempo"`` (passou de ``tempo`` s) ou ``"morreu"`` (código de saída ≠ 0)."""
        limites = dict(self.limites, **(limites or {}))
        limites.setdefault("cpu", 0)
        if not limites["cpu"]:
            limites["cpu"] = int(tempo) + 30
        home = str(Path.home())
        ambiente = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
                    "PYTHONPATH": str(RAIZ), "CONVAULA_CI": "1", "MPLBACKEND": "Agg",
                    "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONDONTWRITEBYTECODE": "1",
                    "PYTHONPYCACHEPREFIX": str(cache_de_bytecode()),
                    "CONVAULA_LIMITES": json.dumps(limites)}
        if self.tipo == "bubblewrap":
            ambiente.update(HOME=home, TMPDIR="/tmp", MPLCONFIGDIR=f"{DENTRO}/matplotlib")
            comando = self._comando_bwrap(pasta, home) + [
                "--", sys.executable, str(EXECUCAO), modo, DENTRO]
            cwd = None
        else:
            privada = pasta / "home"
            (privada / "tmp").mkdir(parents=True, exist_ok=True)
            ambiente.update(HOME=str(privada), USERPROFILE=str(privada), TMPDIR=str(privada / "tmp"),
                            TEMP=str(privada / "tmp"), TMP=str(privada / "tmp"),
                            MPLCONFIGDIR=str(pasta / "matplotlib"))
            if os.name == "nt":
                ambiente["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", "")
            comando = [sys.executable, str(EXECUCAO), modo, str(pasta)]
            cwd = str(pasta)
        _cache_do_matplotlib(pasta / "matplotlib")
        inicio = time.monotonic()
        opcoes = {"start_new_session": True} if os.name != "nt" else {
            "creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
        grupo = _grupo_de_processos(int(limites["processos"])) if self.tipo == "bubblewrap" else None
        if grupo is not None:  # o shell entra no grupo e vira o bwrap: nenhum filho escapa
            comando = ["/bin/sh", "-c", 'echo $$ > "$0/cgroup.procs" && exec "$@"', str(grupo), *comando]
        processo = subprocess.Popen(comando, cwd=cwd, env=ambiente, stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **opcoes)
        try:
            codigo = processo.wait(timeout=tempo)
            fim = "ok" if codigo == 0 else "morreu"
        except subprocess.TimeoutExpired:
            fim = "tempo"
        finally:
            _encerrar(processo)
            if grupo is not None:
                _apagar_grupo(grupo)
        return fim, time.monotonic() - inicio


def cache_de_bytecode() -> Path:
    """Onde fica o bytecode compilado que as caixas leem (só leitura lá dentro)."""
    pasta = config.ler("CONVAULA_PYCACHE") or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "convaula" / "pycache"
    return Path(pasta).resolve()


def aquecer(modulos: Sequence[str], tempo: float = 600.0) -> None:
    """Compila uma vez, fora da caixa e sem código de aluno, os módulos que os notebooks
    importam (torch, torchvision...): dentro da caixa o ambiente é só leitura, e sem isso
    cada notebook recompilaria tudo (a maior parte da CPU de uma correção)."""
    cache = cache_de_bytecode()
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    codigo = ("import importlib, sys\nfor m in sys.argv[1:]:\n    try:\n"
              "        importlib.import_module(m)\n    except BaseException:\n        pass\n")
    ambiente = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    ambiente.update(PYTHONPYCACHEPREFIX=str(cache), PYTHONPATH=str(RAIZ), MPLBACKEND="Agg",
                    CONVAULA_CI="1", MPLCONFIGDIR=str(cache / "matplotlib"))
    try:
        subprocess.run([sys.executable, "-c", codigo, *modulos], env=ambiente, cwd=str(cache),
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=tempo)
    except (OSError, subprocess.SubprocessError):
        pass


def _cache_do_matplotlib(destino: Path) -> None:
    """Copia a lista de fontes do matplotlib (senão cada notebook a refaria)."""
    destino.mkdir(parents=True, exist_ok=True)
    try:  # a que o aquecer() criou (ou já existia no cache do convaula)
        for arquivo in (cache_de_bytecode() / "matplotlib").glob("fontlist-*.json"):
            shutil.copyfile(arquivo, destino / arquivo.name)
    except OSError:
        pass


def _grupo_de_processos(maximo: int) -> Path | None:
    """Um cgroup ``pids`` com ``pids.max`` (o limite de processos que vale também para o
    root, que o RLIMIT_NPROC não limita), se o sistema deixa criar; senão ``None``."""
    for base in (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup")):
        if not (base / "cgroup.procs").exists():
            continue
        grupo = base / f"convaula-{os.getpid()}-{time.monotonic_ns()}"
        try:
            grupo.mkdir()
            (grupo / "pids.max").write_text(str(maximo))
            return grupo
        except OSError:
            try:
                grupo.rmdir()
            except OSError:
                pass
    return None


def _apagar_grupo(grupo: Path) -> None:
    for _ in range(50):
        try:
            grupo.rmdir()
            return
        except OSError:
            time.sleep(0.1)


def _encerrar(processo: subprocess.Popen) -> None:
    """Mata o grupo de processos (no bwrap, a morte dele leva todo o espaço de processos)."""
    if processo.poll() is None or os.name != "nt":
        try:
            if os.name != "nt":
                os.killpg(processo.pid, signal.SIGKILL)
            else:
                processo.kill()
        except (ProcessLookupError, PermissionError, OSError):
            pass
    try:
        processo.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass


def escolher(ocultar: Sequence[Path] = (), sem_caixa: bool = False) -> Caixa:
    """A melhor caixa disponível; ``ocultar``: pastas que o aluno não deve ver (a turma...)."""
    ocultas = [Path(p).resolve() for p in ocultar] + [Path.home().resolve()]
    bwrap = shutil.which("bwrap")
    if not sem_caixa and sys.platform.startswith("linux") and bwrap and _bwrap_funciona(bwrap):
        return Caixa("bubblewrap", bwrap, ocultar=ocultas)
    motivo = ("sem_caixa pedido" if sem_caixa else "o bubblewrap (bwrap) não está instalado ou não "
              "funciona aqui" if sys.platform.startswith("linux") else
              f"não há caixa de areia para {sys.platform} no convaula")
    aviso = (f"AVISO: correção SEM caixa de areia ({motivo}). Os notebooks rodam com HOME e "
             "temporários próprios, limites de memória e de tempo e o grupo de processos "
             "encerrado no fim, mas podem ler e escrever os seus arquivos e usar a rede. "
             "Corrija num Linux com bubblewrap (apt install bubblewrap) para isolar cada aluno.")
    return Caixa("nenhuma", aviso=aviso, ocultar=ocultas)
