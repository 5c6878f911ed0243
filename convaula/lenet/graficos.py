"""Gráficos do treino: curvas, matriz de confusão, filtros, mapas, erros, oclusão e histogramas.

Cada função de desenho recebe ``ax=None`` (ou ``fig=None``), desenha e devolve os eixos;
sem eixos, cria uma figura nova com ``pyplot``. As contas (matriz de confusão, mapas de
características) ficam em funções separadas, testáveis sem desenho. Notebook 08.
"""

from __future__ import annotations

from typing import Optional, Sequence

import torch
from torch import nn

from .modelos import em_avaliacao

__all__ = [
    "desenhar_amostras",
    "desenhar_confusao",
    "desenhar_curvas",
    "desenhar_errados",
    "desenhar_filtros",
    "desenhar_histogramas",
    "desenhar_mapas",
    "desenhar_oclusao",
    "mapas_caracteristicas",
    "matriz_confusao",
]


def _eixos(ax, n: int = 1, largura: float = 6.0, altura: float = 4.0):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, eixos = plt.subplots(1, n, figsize=(largura, altura), layout="constrained")
    return eixos


def desenhar_curvas(historico: Sequence[dict], axs=None, titulo: str = "") -> tuple:
    """Perda e acurácia por época, no treino e na avaliação, em dois eixos lado a lado.

    Parâmetros
    ----------
    historico : a lista devolvida por ``convaula.lenet.treino.treinar`` (a avaliação é a
        validação se o histórico tiver ``acc_validacao``; senão, o teste).
    axs : dois eixos do matplotlib (ou ``None`` para uma figura nova).
    titulo : texto acima dos gráficos (ex.: ``dados.rotulo``, que diz se são sintéticos).
    """
    if len(historico) == 0:
        raise ValueError("historico está vazio: treine pelo menos uma época antes de desenhar")
    ax_perda, ax_acc = _eixos(axs, 2, 10, 3.6)
    epocas = [h["epoca"] for h in historico]
    sufixo, onde = ("_validacao", "na validação") if "acc_validacao" in historico[0] else ("_teste", "no teste")
    for ax, chave, nome in ((ax_perda, "perda", "perda"), (ax_acc, "acc", "acurácia")):
        ax.plot(epocas, [h[chave] for h in historico], "o-", label=f"{nome} no treino")
        ax.plot(epocas, [h[chave + sufixo] for h in historico], "s--", label=f"{nome} {onde}")
        ax.set_xlabel("época")
        ax.set_ylabel(nome)
        ax.grid(alpha=0.3)
        ax.legend()
    if titulo:
        ax_perda.figure.suptitle(titulo)
    return ax_perda, ax_acc


@torch.inference_mode()
def matriz_confusao(modelo: nn.Module, x: torch.Tensor, y: torch.Tensor,
                    num_classes: int = 10, batch_size: int = 2000) -> torch.Tensor:
    """Matriz K×K de contagens: linha = classe verdadeira, coluna = classe prevista.

    Roda ``modelo`` em modo de avaliação sob ``torch.inference_mode`` e devolve um tensor
    int64 na CPU (o modo de treino é restaurado depois).
    """
    with em_avaliacao(modelo):
        previstos = torch.cat([modelo(x[i:i + batch_size]).argmax(1) for i in range(0, len(x), batch_size)])
    contagem = torch.bincount(y * num_classes + previstos, minlength=num_classes ** 2)
    return contagem.view(num_classes, num_classes).cpu()


def desenhar_confusao(matriz: torch.Tensor, classes: Sequence[str], ax=None, titulo: str = ""):
    """Desenha a matriz de confusão com os nomes das classes (em português) e as contagens."""
    if matriz.shape != (len(classes), len(classes)):
        raise ValueError(f"matriz tem formato {tuple(matriz.shape)}, mas há {len(classes)} classes")
    ax = _eixos(ax, 1, 7, 6)
    ax.imshow(matriz.numpy(), cmap="Blues")
    limite = matriz.max().item() / 2
    for (i, j), valor in zip(torch.cartesian_prod(torch.arange(len(classes)), torch.arange(len(classes))).tolist(),
                             matriz.flatten().tolist()):
        ax.text(j, i, str(valor), ha="center", va="center", fontsize=7,
                color="white" if valor > limite else "black")
    ax.set_xticks(range(len(classes)), classes, rotation=45, ha="right")
    ax.set_yticks(range(len(classes)), classes)
    ax.set_xlabel("classe prevista")
    ax.set_ylabel("classe verdadeira")
    ax.set_title(titulo or "matriz de confusão")
    return ax


def desenhar_filtros(pesos: torch.Tensor, fig=None, titulo: str = "") -> list:
    """Os filtros (C_out, 1, k, k) da primeira convolução como pequenas imagens em cinza."""
    if pesos.dim() != 4:
        raise ValueError(f"pesos deve ter 4 eixos (C_out, C_in, k, k), mas tem formato {tuple(pesos.shape)}")
    import matplotlib.pyplot as plt

    fig = fig or plt.figure(figsize=(1.4 * len(pesos), 1.8), layout="constrained")
    eixos = fig.subplots(1, len(pesos), squeeze=False)[0]
    for indice, (ax, filtro) in enumerate(zip(eixos, pesos.detach().cpu())):
        ax.imshow(filtro[0].numpy(), cmap="gray")
        ax.set_title(f"filtro {indice}", fontsize=8)
        ax.axis("off")
    if titulo:
        fig.suptitle(titulo)
    return list(eixos)


@torch.inference_mode()
def mapas_caracteristicas(modelo: nn.Sequential, imagem: torch.Tensor) -> dict[str, torch.Tensor]:
    """Saída de cada camada nomeada de ``modelo`` para uma imagem (1, H, W), sem o eixo do lote."""
    if imagem.dim() != 3:
        raise ValueError(f"imagem deve ter formato (C, H, W), mas tem {tuple(imagem.shape)}")
    mapas, x = {}, imagem.unsqueeze(0)
    with em_avaliacao(modelo):
        for nome, camada in modelo.named_children():
            x = camada(x)
            mapas[nome] = x[0].cpu()
    return mapas


def _mosaico(mapas: torch.Tensor, borda: int = 2) -> torch.Tensor:
    """(C, H, W) -> uma imagem (H, C·(W + borda) − borda), cada mapa normalizado para [0, 1]."""
    minimo = mapas.amin(dim=(1, 2), keepdim=True)
    escala = (mapas.amax(dim=(1, 2), keepdim=True) - minimo).clamp_min(1e-12)
    normalizados = torch.nn.functional.pad((mapas - minimo) / escala, (0, borda), value=float("nan"))
    return normalizados.permute(1, 0, 2).reshape(mapas.shape[1], -1)[:, :-borda]


def desenhar_mapas(mapas: dict[str, torch.Tensor], camadas: Sequence[str] = ("c1", "s2", "c3", "s4"),
                   fig=None, max_canais: int = 8, imagem: Optional[torch.Tensor] = None):
    """Uma linha por camada com os primeiros ``max_canais`` mapas de características, lado a lado.

    Cada mapa é normalizado para [0, 1] e a linha vira um só mosaico (um eixo por camada, o
    que desenha depressa). Com ``imagem`` (C, H, W), uma primeira coluna mostra a entrada. O
    título de cada linha diz quantos mapas a camada tem e quantos foram desenhados. Devolve
    os eixos, (camadas, 1) ou (camadas, 2).
    """
    ausentes = [c for c in camadas if c not in mapas or mapas[c].dim() != 3]
    if ausentes:
        raise ValueError(f"camadas sem mapa 2D: {ausentes}; escolha entre "
                         f"{[c for c, m in mapas.items() if m.dim() == 3]}")
    import matplotlib.pyplot as plt

    extra = 0 if imagem is None else 1
    colunas = min(max_canais, max(len(mapas[c]) for c in camadas))
    fig = fig or plt.figure(figsize=(1.1 * (colunas + extra), 1.3 * len(camadas)), layout="constrained")
    eixos = fig.subplots(len(camadas), 1 + extra, squeeze=False,
                         gridspec_kw={"width_ratios": [1] * extra + [colunas]})
    for linha, nome in zip(eixos, camadas):
        for ax in linha:
            ax.axis("off")
        if imagem is not None:
            linha[0].imshow(imagem[0].cpu().numpy(), cmap="gray")
            linha[0].set_title("entrada", fontsize=8)
        mostrados = min(colunas, len(mapas[nome]))
        mosaico = _mosaico(mapas[nome][:mostrados].float())
        linha[extra].imshow(mosaico.numpy(), cmap="viridis", vmin=0, vmax=1, aspect="equal")
        linha[extra].set_anchor("W")
        H, W = mapas[nome].shape[1:]
        linha[extra].set_title(f"{nome}: {len(mapas[nome])}@{H}×{W} ({mostrados} mostrados)",
                               fontsize=8, loc="left")
    return eixos


def desenhar_amostras(imagens: torch.Tensor, rotulos: torch.Tensor, classes: Sequence[str],
                      fig=None, por_classe: int = 1, titulo: Optional[str] = None):
    """As primeiras ``por_classe`` imagens de cada classe, com o nome da classe."""
    import matplotlib.pyplot as plt

    fig = fig or plt.figure(figsize=(1.3 * len(classes), 1.5 * por_classe), layout="constrained")
    eixos = fig.subplots(por_classe, len(classes), squeeze=False)
    for coluna, nome in enumerate(classes):
        indices = (rotulos == coluna).nonzero()[:por_classe, 0].tolist()
        for linha, i in enumerate(indices):
            eixos[linha][coluna].imshow(imagens[i, 0].cpu().numpy(), cmap="gray")
        for linha in range(por_classe):
            eixos[linha][coluna].axis("off")
        eixos[0][coluna].set_title(nome, fontsize=8)
    if titulo:
        fig.suptitle(titulo)
    return eixos


def desenhar_errados(imagens: torch.Tensor, erros, classes: Sequence[str], fig=None, titulo: str = ""):
    """Os exemplos de ``interpretacao.exemplos_errados``, com a classe verdadeira e a prevista."""
    if len(erros.indices) == 0:
        raise ValueError("erros está vazio: a rede não errou nenhum exemplo deste conjunto")
    import matplotlib.pyplot as plt

    fig = fig or plt.figure(figsize=(1.5 * len(erros.indices), 2.0), layout="constrained")
    eixos = fig.subplots(1, len(erros.indices), squeeze=False)[0]
    for ax, i, prevista, verdadeira in zip(eixos, *(t.tolist() for t in erros)):
        ax.imshow(imagens[i, 0].cpu().numpy(), cmap="gray")
        ax.set_title(f"é {classes[verdadeira]}\nprevisto {classes[prevista]}", fontsize=7)
        ax.axis("off")
    if titulo:
        fig.suptitle(titulo)
    return eixos


def desenhar_oclusao(imagem: torch.Tensor, queda: torch.Tensor, axs=None, titulo: str = "",
                     tamanho: Optional[int] = None, stride: Optional[int] = None):
    """A imagem e, ao lado, a queda da probabilidade em cada posição do quadrado (vermelho = queda).

    Com ``tamanho`` e ``stride`` (os de ``sensibilidade_oclusao``), o mapa é desenhado *sobre*
    a imagem, cada valor no centro da sua posição do quadrado (``centros_oclusao``), e a
    imagem sozinha fica no primeiro eixo.
    """
    from .interpretacao import centros_oclusao

    if queda.dim() != 2:
        raise ValueError(f"queda deve ser um mapa 2D, mas tem formato {tuple(queda.shape)}")
    ax_img, ax_mapa = _eixos(axs, 2, 7, 3.4)
    ax_img.imshow(imagem[0].cpu().numpy(), cmap="gray")
    ax_img.set_title("entrada", fontsize=9)
    limite = max(queda.abs().max().item(), 1e-6)
    opcoes = dict(cmap="RdBu_r", vmin=-limite, vmax=limite)
    if tamanho is not None and stride is not None:
        linhas = centros_oclusao(imagem.shape[-2], tamanho, stride)
        colunas = centros_oclusao(imagem.shape[-1], tamanho, stride)
        if (len(linhas), len(colunas)) != tuple(queda.shape):
            raise ValueError(f"queda tem formato {tuple(queda.shape)}, mas tamanho={tamanho} e "
                             f"stride={stride} dão {(len(linhas), len(colunas))} posições")
        ax_mapa.imshow(imagem[0].cpu().numpy(), cmap="gray")
        meio = stride / 2
        extensao = (colunas[0] - meio, colunas[-1] + meio, linhas[-1] + meio, linhas[0] - meio)
        artista = ax_mapa.imshow(queda.numpy(), alpha=0.6, extent=[float(v) for v in extensao], **opcoes)
        ax_mapa.set_xlim(-0.5, imagem.shape[-1] - 0.5)
        ax_mapa.set_ylim(imagem.shape[-2] - 0.5, -0.5)
    else:
        artista = ax_mapa.imshow(queda.numpy(), **opcoes)
    ax_mapa.figure.colorbar(artista, ax=ax_mapa, label="queda da probabilidade")
    ax_mapa.set_title(titulo or "sensibilidade à oclusão", fontsize=9)
    for ax in (ax_img, ax_mapa):
        ax.set_xticks([])
        ax.set_yticks([])
    return ax_img, ax_mapa


def desenhar_histogramas(valores: dict[str, torch.Tensor], canais: Sequence[int] = (0, 1, 2, 3),
                         axs=None, titulo: str = ""):
    """Um histograma por item de ``valores`` (tensores (N, C, ...)), uma curva por canal escolhido."""
    if len(valores) == 0:
        raise ValueError("valores está vazio: passe um dicionário nome -> tensor (N, C, ...)")
    eixos = _eixos(axs, len(valores), 4.2 * len(valores), 3.2)
    eixos = [eixos] if len(valores) == 1 else list(eixos)
    for ax, (nome, tensor) in zip(eixos, valores.items()):
        for canal in canais:
            ax.hist(tensor[:, canal].flatten().numpy(), bins=40, histtype="step", label=f"canal {canal}")
        ax.set_title(nome, fontsize=9)
        ax.set_xlabel("valor")
        ax.legend(fontsize=7)
    if titulo:
        eixos[0].figure.suptitle(titulo)
    return eixos
