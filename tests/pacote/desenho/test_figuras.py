"""A tabela de figuras é a única lista de figuras: tudo o que um notebook mostra por
``../figures/NOME`` está nela e em figures/, e ela não gera nada que nenhum notebook mostre.
Regerar (lento) dá, numa pasta temporária, todo nome da tabela, com os mesmos bytes."""

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from convaula.desenho.figuras import FIGURAS, PASTA_PADRAO, gerar, main

RAIZ = Path(__file__).resolve().parents[3]


def _referenciadas() -> set[str]:
    nomes = set()
    for caminho in (RAIZ / "notebooks").rglob("*.ipynb"):
        nomes |= set(re.findall(r"\.\./figures/([A-Za-z0-9_.\-]+\.(?:gif|png))", caminho.read_text(encoding="utf-8")))
    return nomes


def test_notebooks_mostram_o_que_a_tabela_gera():
    referenciadas = _referenciadas()
    assert referenciadas, "nenhum notebook mostra ../figures/"
    assert referenciadas <= set(FIGURAS), referenciadas - set(FIGURAS)
    assert set(FIGURAS) == referenciadas, set(FIGURAS) ^ referenciadas  # nenhuma figura órfã
    assert {p.name for p in PASTA_PADRAO.iterdir()} == set(FIGURAS)
    assert PASTA_PADRAO == RAIZ / "figures"


@pytest.mark.lento
def test_gera_todas_as_figuras(tmp_path):
    caminhos = gerar(tmp_path)
    assert sorted(c.name for c in caminhos) == sorted(FIGURAS)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FIGURAS)
    for caminho in caminhos:
        with Image.open(caminho) as imagem:
            assert imagem.format == caminho.suffix[1:].upper()
            if imagem.format == "GIF":
                assert imagem.n_frames >= 2
    assert sum(c.stat().st_size for c in caminhos) < 5 * 2**20


@pytest.mark.lento
def test_mesmos_bytes_duas_vezes(tmp_path, capsys):
    nomes = ["conv1d_exemplo_ementa.gif", "transposta_stride2.gif", "lenet5_arquitetura.png"]
    resumos = []
    for pasta in ("a", "b"):
        main(["--pasta", str(tmp_path / pasta), *nomes])
        resumos.append([hashlib.sha256((tmp_path / pasta / n).read_bytes()).hexdigest() for n in nomes])
    assert resumos[0] == resumos[1]
    assert "3 figuras em" in capsys.readouterr().out


def test_nome_desconhecido():
    with pytest.raises(ValueError, match="fora da tabela"):
        gerar(nomes=["nao_existe.gif"])


def test_importar_nao_tem_efeitos_colaterais(tmp_path):
    codigo = ("import matplotlib, torch; antes = dict(matplotlib.rcParams); semente = torch.initial_seed(); "
              "import convaula.desenho, convaula.desenho.figuras; "
              "assert dict(matplotlib.rcParams) == antes and torch.initial_seed() == semente; "
              "import matplotlib.pyplot as plt; assert plt.get_fignums() == []")
    subprocess.run([sys.executable, "-c", codigo], check=True, cwd=tmp_path)
    assert list(tmp_path.iterdir()) == []
