"""Gera todas as figuras de ``figures/`` a partir de uma tabela nome → parâmetros.

Uso: ``python -m convaula.desenho.figuras`` (todas, em ``PASTA_PADRAO``, a pasta figures/ do
repositório) ou ``python -m convaula.desenho.figuras --pasta /tmp/figs conv2d_stride2.gif``. Os nomes soletram os
parâmetros (como em vdumoulin/conv_arithmetic); os dados vêm de sementes fixas e os
arquivos não guardam data nem versão, então rodar duas vezes dá os mesmos bytes.
Nenhuma figura é editada à mão: para mudar uma, mude a tabela.

Os notebooks mostram as figuras por caminho relativo: ``![...](../figures/NOME)``; a tabela
``FIGURAS`` é a única lista de figuras, e só entra nela o que algum notebook mostra.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable

import torch

from .animacao import salvar_gif
from .arquiteturas import desenhar_lenet5, desenhar_separavel
from .base import inteiros_exemplo
from .conv import desenhar_conv1d, desenhar_conv2d
from .esquemas import desenhar_matriz_conv, desenhar_multicanal
from .transposta import desenhar_transposta2d

__all__ = ["FIGURAS", "PASTA_PADRAO", "gerar", "main"]

# O único lugar onde o pacote supõe o formato do repositório: convaula/desenho/ → ../../figures.
PASTA_PADRAO = Path(__file__).resolve().parents[2] / "figures"

# Exemplo da ementa (notebook 01): x = [5, 4, 8, 7, 9, 3, 6], w = [1, 2, 3].
X_EMENTA = [5.0, 4.0, 8.0, 7.0, 9.0, 3.0, 6.0]
W_EMENTA = [1.0, 2.0, 3.0]
# Exemplo de dois canais da ementa (notebook 02): saída [[56, 72], [104, 120]].
X_CANAIS = [[[0, 1, 2], [3, 4, 5], [6, 7, 8]], [[1, 2, 3], [4, 5, 6], [7, 8, 9]]]
K_CANAIS = [[[0, 1], [2, 3]], [[1, 2], [3, 4]]]


def _conv1d(**p):
    return desenhar_conv1d(torch.tensor(X_EMENTA), torch.tensor(W_EMENTA), **p)


def _conv2d(n: int, kernel_size: int, semente: int = 0, **p):
    x, w = inteiros_exemplo((n, n), semente, 10), inteiros_exemplo((kernel_size,) * 2, semente + 1, 3)
    return desenhar_conv2d(x, w, **p)


def _transposta(n: int, kernel_size: int, semente: int = 0, **p):
    x, w = inteiros_exemplo((n, n), semente, 4), inteiros_exemplo((kernel_size,) * 2, semente + 1, 3)
    return desenhar_transposta2d(x, w, **p)


def _matriz1d(**p):
    return desenhar_matriz_conv(torch.tensor(W_EMENTA), len(X_EMENTA), **p)


def _multicanal(**p):
    x, k = torch.tensor(X_CANAIS, dtype=torch.float64), torch.tensor(K_CANAIS, dtype=torch.float64)
    return desenhar_multicanal(x, k, **p)


# nome do arquivo → (função que desenha, parâmetros). GIFs: um quadro por posição do kernel.
FIGURAS: dict[str, tuple[Callable, dict]] = {
    "conv1d_exemplo_ementa_sem_padding.gif": (_conv1d, {}),
    "conv1d_exemplo_ementa.gif": (_conv1d, {"padding": 1}),
    "conv1d_exemplo_ementa_stride2.gif": (_conv1d, {"stride": 2}),
    "conv1d_exemplo_ementa_padding1_stride2.gif": (_conv1d, {"padding": 1, "stride": 2}),
    "conv1d_exemplo_ementa_dilatacao2.gif": (_conv1d, {"dilation": 2}),
    "conv2d_sem_padding_sem_stride.gif": (_conv2d, {"n": 5, "kernel_size": 3}),
    "conv2d_padding_same.gif": (_conv2d, {"n": 5, "kernel_size": 3, "padding": 1}),
    "conv2d_padding_full.gif": (_conv2d, {"n": 5, "kernel_size": 3, "padding": 2}),
    "conv2d_stride2.gif": (_conv2d, {"n": 5, "kernel_size": 3, "stride": 2}),
    "conv2d_padding1_stride2.gif": (_conv2d, {"n": 5, "kernel_size": 3, "padding": 1, "stride": 2}),
    "conv2d_dilatacao2.gif": (_conv2d, {"n": 7, "kernel_size": 3, "dilation": 2}),
    "transposta_stride2.gif": (_transposta, {"n": 2, "kernel_size": 3, "stride": 2}),
    "transposta_output_padding1.gif": (_transposta, {"n": 3, "kernel_size": 3, "padding": 1, "stride": 2,
                                                     "output_padding": 1}),
    "matriz_conv1d_exemplo_ementa.png": (_matriz1d, {"padding": 1, "saida": 3}),
    "conv2d_multicanal.png": (_multicanal, {"posicao": (0, 0)}),
    "separavel_em_profundidade.png": (desenhar_separavel, {"c_in": 3, "c_out": 4, "kernel_size": 3, "n": 8}),
    "lenet5_arquitetura.png": (desenhar_lenet5, {}),
}


def _salvar(nome: str, caminho: Path) -> Path:
    """Desenha uma entrada da tabela e grava (GIF: um quadro por posição; PNG: sem metadados variáveis)."""
    funcao, parametros = FIGURAS[nome]
    desenho = funcao(**parametros)
    if caminho.suffix == ".gif":
        salvar_gif(desenho, caminho, fps=1.5, dpi=80, cores=32)
    else:
        desenho.figura.savefig(caminho, dpi=90, facecolor="white", bbox_inches="tight",
                               pad_inches=0.1, metadata={"Software": None})
    return caminho


def gerar(pasta: Path | str | None = None, nomes: list[str] | None = None) -> list[Path]:
    """Gera as figuras ``nomes`` (padrão: todas da tabela) em ``pasta`` (padrão: figures/).

    Retorna os caminhos gravados. Levanta ``ValueError`` para um nome fora da tabela.
    """
    pasta = PASTA_PADRAO if pasta is None else Path(pasta)
    nomes = list(FIGURAS) if nomes is None else list(nomes)
    desconhecidos = [n for n in nomes if n not in FIGURAS]
    if desconhecidos:
        raise ValueError(f"nomes fora da tabela FIGURAS: {desconhecidos}; disponíveis: {sorted(FIGURAS)}")
    pasta.mkdir(parents=True, exist_ok=True)
    return [_salvar(nome, pasta / nome) for nome in nomes]


def main(argumentos: list[str] | None = None) -> None:
    """Linha de comando: ``python -m convaula.desenho.figuras [--pasta PASTA] [NOME ...]``."""
    leitor = argparse.ArgumentParser(description="Gera as figuras do curso a partir da tabela FIGURAS.")
    leitor.add_argument("nomes", nargs="*", help="arquivos a gerar (padrão: todos)")
    leitor.add_argument("--pasta", type=Path, default=None, help=f"pasta de destino (padrão: {PASTA_PADRAO})")
    args = leitor.parse_args(argumentos)
    caminhos = gerar(args.pasta, args.nomes or None)
    total = sum(c.stat().st_size for c in caminhos)
    print(f"{len(caminhos)} figuras em {caminhos[0].parent} ({total / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
