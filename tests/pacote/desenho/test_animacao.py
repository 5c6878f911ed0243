"""Animações: um quadro por posição do kernel, GIF pequeno e com os mesmos bytes a cada vez."""

import gc
import hashlib

import pytest
import torch
from matplotlib.animation import FuncAnimation
from PIL import Image

from convaula.desenho.animacao import (EscritorGif, animar, animar_conv1d, animar_conv2d, animar_transposta2d, como_html,
                               salvar_gif)
from convaula.desenho.base import inteiros_exemplo
from convaula.desenho.conv import desenhar_conv2d

pytestmark = pytest.mark.filterwarnings("ignore:Animation was deleted")

X = inteiros_exemplo((4, 4))
W = inteiros_exemplo((3, 3), 1, 3)


def test_animacoes_tem_um_quadro_por_posicao():
    assert isinstance(animar_conv1d(torch.arange(7.0), torch.ones(3), padding=1), FuncAnimation)
    casos = [(animar_conv2d(X, W, padding=1, stride=2), 4), (animar_transposta2d(X[:2, :2], W, stride=2), 4),
             (animar_conv1d(torch.arange(7.0), torch.ones(3), stride=2), 3)]
    for animacao, quadros in casos:
        assert len(list(animacao.new_frame_seq())) == quadros
    del animacao, casos
    gc.collect()  # descarta aqui (com o aviso filtrado) as animações que nunca foram desenhadas


def test_gif_do_desenho_reprodutivel(tmp_path):
    resumos = []
    for nome in ("a.gif", "b.gif"):
        caminho = salvar_gif(desenhar_conv2d(X, W, padding=1), tmp_path / nome, dpi=40)
        resumos.append(hashlib.sha256(caminho.read_bytes()).hexdigest())
        with Image.open(caminho) as gif:
            assert gif.n_frames == 16
    assert resumos[0] == resumos[1]


def test_gif_de_funcanimation_e_html(tmp_path):
    animacao = animar_conv2d(X, W)  # 2×2 saídas
    caminho = salvar_gif(animacao, tmp_path / "anim.gif", dpi=30, cores=16)
    with Image.open(caminho) as gif:
        assert gif.n_frames == 4
    html = como_html(animar_conv2d(X, W))
    assert "<script" in html and "Animation" in html


def test_rejeita_caminho_sem_gif_objeto_que_nao_e_desenho_e_intervalo_ou_cores_invalidos():
    with pytest.raises(ValueError, match="caminho deve terminar em .gif"):
        salvar_gif(desenhar_conv2d(X, W), "figura.png")
    with pytest.raises(TypeError, match="desenho deve vir de convaula.desenho"):
        animar("não é desenho")
    # a regra de convaula._argumentos: tipo errado é TypeError, valor fora da faixa é ValueError
    # (antes, intervalo=2.5 e intervalo=True davam ValueError)
    with pytest.raises(ValueError, match="intervalo deve ser >= 1, mas recebeu intervalo=0"):
        animar(desenhar_conv2d(X, W), intervalo=0)
    for errado in (2.5, True):
        with pytest.raises(TypeError, match="intervalo deve ser um inteiro"):
            animar(desenhar_conv2d(X, W), intervalo=errado)
    with pytest.raises(ValueError, match="cores deve estar entre 2 e 256, mas recebeu cores=1"):
        EscritorGif(cores=1)
    with pytest.raises(TypeError, match="cores deve ser um inteiro"):
        EscritorGif(cores=32.0)
