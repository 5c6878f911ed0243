"""``convaula.config``: a tabela das variáveis ``CONVAULA_*`` é completa, e o README a repete."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from convaula import config

RAIZ = Path(__file__).resolve().parents[2]
NOME = re.compile(r"\bCONVAULA_[A-Z_]+\b")


def _arquivos_versionados() -> list[Path]:
    saida = subprocess.run(["git", "ls-files"], cwd=RAIZ, capture_output=True, text=True, check=True).stdout
    return [RAIZ / l for l in saida.splitlines()
            if l.endswith((".py", ".ipynb", ".md", ".toml", ".cfg", ".yml", ".yaml", ".sh")) and (RAIZ / l).is_file()]


def test_toda_variavel_citada_no_projeto_esta_na_tabela():
    citadas = {nome for caminho in _arquivos_versionados() for nome in NOME.findall(caminho.read_text("utf-8"))}
    assert citadas, "a busca não achou nenhuma variável: o teste não estaria conferindo nada"
    assert citadas <= set(config.VARIAVEIS), f"fora da tabela de convaula/config.py: {citadas - set(config.VARIAVEIS)}"


def test_o_readme_tem_a_mesma_tabela():
    readme = (RAIZ / "README.md").read_text("utf-8")
    linhas = {m.group(1) for m in re.finditer(r"^\| `(CONVAULA_[A-Z_]+)` \|", readme, re.M)}
    assert linhas == set(config.VARIAVEIS)


def test_ler_trata_vazia_como_ausente_e_recusa_nome_fora_da_tabela():
    assert config.ler("CONVAULA_DADOS", {"CONVAULA_DADOS": "/d"}) == "/d"
    assert config.ler("CONVAULA_DADOS", {"CONVAULA_DADOS": ""}) is None
    assert config.ler("CONVAULA_DADOS", {}) is None
    assert config.modo_ci({"CONVAULA_CI": "1"}) and not config.modo_ci({"CONVAULA_CI": "0"})
    inexistente = "CONVAULA_" + "DADO"  # montado aqui, para a busca do primeiro teste não o achar
    with pytest.raises(KeyError, match="CONVAULA_DADOS"):
        config.ler(inexistente, {})
