"""``python -m convaula.figuras`` gera, numa pasta temporária, todo nome da tabela, com os mesmos bytes."""

import hashlib
import re

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from convaula.figuras import FIGURAS, PASTA_PADRAO, gerar, main  # noqa: E402

OBRIGATORIOS = ["conv2d_sem_padding_sem_stride.gif", "conv2d_padding_same.gif", "conv2d_padding_full.gif",
                "conv2d_stride2.gif", "conv2d_padding1_stride2.gif", "conv2d_dilatacao2.gif",
                "transposta_sem_padding.gif", "transposta_stride2.gif", "transposta_padding1_stride2.gif",
                "transposta_output_padding1.gif", "conv1d_exemplo_ementa.gif", "conv2d_multicanal.png",
                "separavel_em_profundidade.png", "lenet5_arquitetura.png"]


def test_tabela_tem_as_figuras_do_curso():
    assert set(OBRIGATORIOS) <= set(FIGURAS)
    assert all(re.fullmatch(r"[a-z0-9_]+\.(gif|png)", nome) for nome in FIGURAS)
    assert PASTA_PADRAO.name == "figures" and (PASTA_PADRAO.parent / "convaula").is_dir()


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
    import subprocess
    import sys
    codigo = ("import matplotlib, torch; antes = dict(matplotlib.rcParams); semente = torch.initial_seed(); "
              "import convaula.widgets, convaula.figuras, convaula.animacao, convaula.desenho_esquemas; "
              "assert dict(matplotlib.rcParams) == antes and torch.initial_seed() == semente; "
              "import matplotlib.pyplot as plt; assert plt.get_fignums() == []")
    subprocess.run([sys.executable, "-c", codigo], check=True, cwd=tmp_path)
    assert list(tmp_path.iterdir()) == []
