"""A instalação do curso: o lock, a assinatura do ambiente e as escolhas do ``curso.py``.

O ``curso.py`` é carregado como módulo (``curso_cli``), sem preparar ambiente nenhum.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from packaging.markers import Marker, default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

RAIZ = Path(__file__).resolve().parents[2]


def _carregar_curso():
    spec = importlib.util.spec_from_file_location("curso_cli", RAIZ / "curso.py")
    modulo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modulo)
    return modulo


curso = _carregar_curso()


def _requisitos() -> list[Requirement]:
    linhas = (RAIZ / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [Requirement(l) for l in (l.split("#")[0].strip() for l in linhas) if l]


def _lock() -> list[tuple[str, Version, Marker | None]]:
    """(nome, versão, marcador) de cada linha do lock."""
    entradas = []
    for linha in (RAIZ / "requirements-lock.txt").read_text(encoding="utf-8").splitlines():
        if not linha.strip() or linha.lstrip().startswith("#"):
            continue
        casamento = re.fullmatch(r"([A-Za-z0-9._-]+)==([^\s;]+)\s*(?:;\s*(.+))?", linha.strip())
        assert casamento, f"linha do lock sem versão exata: {linha!r}"
        nome, versao, marcador = casamento.groups()
        entradas.append((canonicalize_name(nome), Version(versao), Marker(marcador) if marcador else None))
    return entradas


# Ambientes em que o lock tem de valer: as versões do Python que o curso aceita, três sistemas.
AMBIENTES = [
    {"python_full_version": f"3.{menor}.0", "python_version": f"3.{menor}", "sys_platform": sistema,
     "platform_system": nome, "platform_machine": maquina, "implementation_name": "cpython",
     "platform_python_implementation": "CPython", "os_name": "nt" if sistema == "win32" else "posix"}
    for menor in (10, 11, 12, 13)
    for sistema, nome, maquina in (("linux", "Linux", "x86_64"), ("darwin", "Darwin", "arm64"),
                                   ("win32", "Windows", "AMD64"))
]


@pytest.mark.parametrize("ambiente", [default_environment()] + AMBIENTES,
                         ids=lambda a: f"py{a['python_version']}-{a['sys_platform']}")
def test_lock_satisfaz_requirements(ambiente):
    """Cada requisito de requirements.txt tem uma só versão no lock, dentro dos limites."""
    lock = _lock()
    for requisito in _requisitos():
        versoes = [v for nome, v, marcador in lock if nome == canonicalize_name(requisito.name)
                   and (marcador is None or marcador.evaluate(ambiente))]
        assert len(versoes) == 1, f"{requisito.name}: {len(versoes)} versões no lock para {ambiente}"
        assert requisito.specifier.contains(versoes[0], prereleases=True), \
            f"o lock tem {requisito.name}=={versoes[0]}, fora de {requisito}"


def test_lock_veio_do_uv_e_fixa_tudo():
    """Lock gerado pelo ``uv pip compile`` e com versão exata em toda linha (inclusive transitivas)."""
    cabecalho = (RAIZ / "requirements-lock.txt").read_text(encoding="utf-8")[:400]
    assert "uv pip compile" in cabecalho and "requirements.txt" in cabecalho
    nomes = {nome for nome, _, _ in _lock()}
    assert {"torch", "jupyterlab", "sphinx", "ipykernel", "numpy"} <= nomes
    assert len(nomes) > 3 * len(_requisitos()), "o lock deveria ter também as dependências transitivas"


def test_assinatura_muda_com_o_lock(tmp_path, monkeypatch):
    for nome in ("requirements.txt", "requirements-lock.txt", "pyproject.toml"):
        shutil.copy(RAIZ / nome, tmp_path / nome)
    monkeypatch.setattr(curso, "RAIZ", tmp_path)
    antes = curso._assinatura()
    (tmp_path / "requirements-lock.txt").write_text("torch==0.0.1\n")
    assert curso._assinatura() != antes
    assert curso._assinatura(ultimas=True) != curso._assinatura()


def test_lock_sem_cuda_tira_so_os_pacotes_cuda(tmp_path):
    original = [l for l in (RAIZ / "requirements-lock.txt").read_text().splitlines() if "==" in l]
    filtrado = [l for l in curso.lock_sem_cuda(tmp_path / "cpu.txt").read_text().splitlines() if "==" in l]
    tirados = set(original) - set(filtrado)
    assert tirados and all(re.match(r"(nvidia-|triton|cuda-)", l) for l in tirados)
    assert any(l.startswith("torch==") for l in filtrado)
    assert any(l.startswith("torchvision==") for l in filtrado)


def test_sem_gpu_e_sem_indice_cpu_avisa_em_portugues(monkeypatch, capsys):
    monkeypatch.setattr(curso.sys, "platform", "linux")
    monkeypatch.setattr(curso, "tem_gpu_nvidia", lambda: False)
    monkeypatch.setattr(curso, "indice_cpu_responde", lambda limite_s=10: False)
    monkeypatch.delenv("CONVAULA_TORCH", raising=False)
    assert curso._so_cpu(["/x/uv", "pip", "install"]) is None
    aviso = capsys.readouterr().out
    assert "não tem GPU NVIDIA" in aviso and "índice padrão" in aviso and curso.INDICE_CPU in aviso


def test_sem_gpu_com_indice_cpu_usa_o_pytorch_so_cpu(monkeypatch):
    monkeypatch.setattr(curso.sys, "platform", "linux")
    monkeypatch.setattr(curso, "tem_gpu_nvidia", lambda: False)
    monkeypatch.setattr(curso, "indice_cpu_responde", lambda limite_s=10: True)
    monkeypatch.delenv("CONVAULA_TORCH", raising=False)
    assert curso._so_cpu(["/x/uv", "pip", "install"]) == ["--torch-backend=cpu"]
    assert curso._so_cpu(["/x/python", "-m", "pip", "install"])[:2] == ["--index-url", curso.INDICE_CPU]
    monkeypatch.setattr(curso, "tem_gpu_nvidia", lambda: True)
    assert curso._so_cpu(["/x/uv", "pip", "install"]) is None


def test_testar_rapido_deixa_de_fora_os_lentos():
    rapido = curso.argv_testar(True, ["-x"])
    assert "--nbval" not in rapido and "notebooks" not in rapido
    opcoes = rapido[rapido.index("pytest") + 1:]
    assert opcoes[opcoes.index("-m") + 1] == "not lento and not navegador" and opcoes[-1] == "-x"
    completo = curso.argv_testar(False, [])
    assert "--nbval" in completo and "notebooks" in completo
    assert "-m" not in completo[completo.index("pytest") + 1:]


@pytest.mark.parametrize("comando, repassa", [
    ("abrir", True), ("testar", True), ("figuras", True), ("site", True), ("executar", False),
])
def test_quem_repassa_argumentos_esta_no_subcomando(comando, repassa, monkeypatch):
    """Os argumentos desconhecidos vão adiante só onde o subcomando diz; nos outros, erro (código 2)."""
    monkeypatch.setattr(curso, "preparar_ambiente", lambda ultimas=False: pytest.fail("não devia instalar"))
    args, extra = curso._analisador().parse_known_args([comando, "--opcao-desconhecida"])
    assert args.repassa is repassa and extra == ["--opcao-desconhecida"]
    if not repassa:
        with pytest.raises(SystemExit) as saida:
            curso.main([comando, "--opcao-desconhecida"])
        assert saida.value.code == 2


def test_ajuda_lista_todos_os_subcomandos(capsys):
    with pytest.raises(SystemExit) as saida:
        curso._analisador().parse_args(["--help"])
    assert saida.value.code == 0
    ajuda = capsys.readouterr().out
    for comando in ("abrir", "testar", "executar", "corrigir", "figuras", "site"):
        assert comando in ajuda


def test_executar_sem_notebooks_sai_com_erro(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(curso, "NOTEBOOKS", tmp_path)  # uma pasta sem notebooks
    monkeypatch.setattr(curso.os, "environ", dict(curso.os.environ))  # executar mexe no ambiente
    args = curso._analisador().parse_args(["executar"])
    assert args.f(args) == 1
    assert "nenhum notebook" in capsys.readouterr().err


def test_variaveis_do_curso_lidas_pela_tabela(monkeypatch):
    monkeypatch.setenv("CONVAULA_VENV", "")  # vazia vale como ausente (antes: a pasta atual)
    monkeypatch.setenv("CONVAULA_VENV_ULTIMAS", "/tmp/outro-venv")
    assert curso._pasta_venv(ultimas=True) == Path("/tmp/outro-venv").resolve()
    ativo = Path(sys.prefix).resolve() if sys.prefix != sys.base_prefix else (RAIZ / ".venv").resolve()
    assert curso._pasta_venv() == ativo
    monkeypatch.setenv("CONVAULA_INSTALADOR", "pip")
    assert curso._instalador(Path("/x/python"))[1:3] == ["-m", "pip"]


def test_abrir_repassa_argumentos_ao_jupyterlab(tmp_path, monkeypatch):
    monkeypatch.delenv("JUPYTERLAB_SETTINGS_DIR", raising=False)
    comando = curso.argv_abrir(["--port", "8899", "--no-browser", "--ip=0.0.0.0"], prefixo=tmp_path)
    assert not any(tmp_path.iterdir())  # montar o comando não escreve nada (as preferências vêm no rodar_abrir)
    assert comando[1:3] == ["-m", "jupyterlab"]
    assert comando[-4:] == ["--port", "8899", "--no-browser", "--ip=0.0.0.0"]
    primeira = sorted((RAIZ / "notebooks").glob("[0-9][0-9]_*.ipynb"))[0].name
    assert f"--LabApp.default_url=/lab/tree/notebooks/{primeira}" in comando


def test_preferencias_em_portugues_sem_apagar_outra_escolha(tmp_path, monkeypatch):
    monkeypatch.delenv("JUPYTERLAB_SETTINGS_DIR", raising=False)
    pasta = curso.preferencias_lab(tmp_path)
    arquivo = pasta / curso.IDIOMA_LAB
    assert pasta.is_relative_to(tmp_path) and json.loads(arquivo.read_text()) == {"locale": "pt_BR"}
    assert json.loads((pasta / curso.NOTICIAS_LAB).read_text())["fetchNews"] == "false"
    arquivo.write_text(json.dumps({"locale": "en"}))  # o estudante trocou o idioma pelo menu
    curso.preferencias_lab(tmp_path)
    assert json.loads(arquivo.read_text()) == {"locale": "en"}
    monkeypatch.setenv("JUPYTERLAB_SETTINGS_DIR", str(tmp_path / "minhas"))
    assert curso.preferencias_lab(tmp_path) == tmp_path / "minhas"
    comando = curso.argv_abrir([], prefixo=tmp_path)
    assert f"--LabApp.user_settings_dir={tmp_path / 'minhas'}" in comando
