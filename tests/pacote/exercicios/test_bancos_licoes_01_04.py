"""Os conferidores dos notebooks 01 a 04 concordam com as suas lições.

Para cada pergunta: (1) os valores que a própria lição calcula, nas formas em que a lição os
produz (um tensor (1, 1, k) de ``compor_nucleos``, uma ``torch.Size``, três casas decimais),
são aceitos; (2) cada resposta errada listada recebe o seu diagnóstico (o teste genérico de
``test_perguntas`` já cobre isso em todos os bancos; aqui ficam os casos que dependem da
lição); (3) nenhum diagnóstico afirma o que os números da lição contradizem.
"""

import numpy as np
import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from convaula import reais
from convaula.exercicios import nb01, nb02, nb03, nb04
from convaula.matriz import matriz_conv1d, matriz_conv2d
from convaula.propriedades import (PADDING_MODES, compor_nucleos, conv_com_borda,
                                   diferenca_equivariancia, erro_equivariancia)

X = torch.tensor([5., 4., 8., 7., 9., 3., 6.])
W = torch.tensor([1., 2., 3.])


def _certa(pergunta, resposta) -> None:
    resultado = pergunta.conferir(resposta)
    assert resultado.correta, (pergunta.nome, resultado.mensagem)


def _diagnostico(pergunta, resposta, codigo: str) -> str:
    resultado = pergunta.conferir(resposta)
    assert resultado.equivoco == codigo, (pergunta.nome, resultado.mensagem)
    return resultado.mensagem


def _precos() -> torch.Tensor:
    return reais.serie("MSFT").valores.reshape(1, 1, -1)


# ---------------------------------------------------------------------------------- nb01

def test_nb01_q1_q2_com_os_valores_da_licao():
    saida = F.conv1d(X.reshape(1, 1, 7), W.reshape(1, 1, 3))
    _certa(nb01.q1, saida.shape[-1])
    _certa(nb01.q1, torch.tensor(saida.shape[-1]))
    camada = F.conv1d(X.reshape(1, 1, 7), W.reshape(1, 1, 3), torch.tensor([5.]), padding=1)
    _certa(nb01.q2, (camada[0, 0, 0].item(), camada[0, 0, -1].item()))   # floats 27.0, 20.0
    _diagnostico(nb01.q2, (22, 15), "vies_esquecido")


def test_nb01_q3_o_sinal_da_derivada_medido_na_serie():
    P = _precos()
    correlacao = F.conv1d(P, torch.tensor([[[1., 0., -1.]]]) / 2).flatten()
    preco = P.flatten()
    subiu = preco[2:] > preco[:-2]
    assert bool((correlacao[subiu] < 0).all())            # o que o diagnóstico afirma
    _certa(nb01.q3, "negativa")
    _diagnostico(nb01.q3, "positiva", "derivada_sem_inverter")


def test_nb01_q4_janelas_com_zeros_e_a_equivariancia_medida():
    media = nn.Conv1d(1, 1, 5, padding=2, bias=False)
    with torch.no_grad():
        media.weight.fill_(1 / 5)
    P = _precos()
    n = P.shape[-1]
    dif = diferenca_equivariancia(media, P, 5).flatten()
    mudam = (dif.abs() > 1e-4).nonzero().flatten().tolist()
    # as saídas de cada ponta que enxergam zeros: 2 na esquerda e 2 na direita
    assert [i for i in mudam if i < 2 or i >= n - 2] == [0, 1, n - 2, n - 1]
    _certa(nb01.q4, 2)
    for errada, codigo in ((5, "janela_inteira"), (4, "duas_pontas"), (1, "so_a_primeira")):
        _diagnostico(nb01.q4, errada, codigo)
    # "a terceira janela já está toda dentro do sinal": a saída 2 acompanha o deslocamento
    assert 2 not in mudam
    circular = nn.Conv1d(1, 1, 5, padding=2, bias=False, padding_mode="circular")
    with torch.no_grad():
        circular.weight.copy_(media.weight)
    assert erro_equivariancia(circular, P, 5) < 1e-6


def test_nb01_q5_e_ex3_aceitam_a_forma_de_compor_nucleos():
    media3 = torch.full((1, 1, 3), 1 / 3)
    unico = compor_nucleos(media3, torch.tensor([[[1., 0., -1.]]]) / 2)
    _certa(nb01.q5, unico.shape[-1])
    composto = compor_nucleos(media3, torch.tensor([[[-1., 1.]]]))
    assert composto.shape == (1, 1, 4)
    for forma in (composto, composto.flatten(), composto[0], composto.flatten().tolist()):
        _certa(nb01.ex3, forma)
    _certa(nb01.ex3, [-0.333, 0.0, 0.0, 0.333])                # três casas decimais
    _certa(nb01.ex3, torch.tensor([-1 / 3, 0., 0., 1 / 3]))
    assert not nb01.ex3.conferir([-0.33, 0.0, 0.0, 0.33]).correta   # duas casas: fora da tolerância
    _diagnostico(nb01.ex3, composto.flip(-1), "composto_correlacao")
    _diagnostico(nb01.ex3, 3 * composto, "sem_dividir_por_3")
    # a composição é a convolução verdadeira (np.convolve) dos núcleos, como diz o diagnóstico
    assert np.allclose(composto.flatten().numpy(), np.convolve(np.full(3, 1 / 3), [-1., 1.]))


def test_nb01_ex1_ex2_ex4_com_os_valores_da_licao():
    _certa(nb01.ex1, F.conv1d(torch.randn(1, 1, 12), torch.randn(1, 1, 4)).shape[-1])
    P = _precos()
    w = torch.tensor([-1., 1.])
    assert torch.allclose(F.conv1d(P, w.reshape(1, 1, 2)).flatten(), P.flatten()[1:] - P.flatten()[:-1])
    _certa(nb01.ex2, w)
    _certa(nb01.ex2, w.reshape(1, 1, 2).flatten())
    _diagnostico(nb01.ex2, [1., -1.], "sinal_trocado")
    M = matriz_conv1d(W, 7)
    assert F.linear(X, M).tolist() == [37., 41., 49., 34., 33.]
    _certa(nb01.ex4, M.shape)                                  # torch.Size, como a lição mostra
    _diagnostico(nb01.ex4, (7, 5), "linhas_colunas_trocadas")


def _erros_nas_pontas() -> dict:
    P = _precos()
    caixa = torch.full((1, 1, 9), 1 / 9)
    pontas = torch.zeros(P.shape, dtype=torch.bool)
    pontas[..., :4] = pontas[..., -4:] = True
    return {modo: float((conv_com_borda(P, caixa, 4, modo) - P)[pontas].abs().mean())
            for modo in PADDING_MODES}


def test_nb01_ex5_so_aceita_os_modos_que_a_licao_mede_melhores():
    erros = _erros_nas_pontas()
    aceitos = [m for m in PADDING_MODES if nb01.ex5.conferir(m).correta]
    assert sorted(aceitos) == ["reflect", "replicate"]
    # cada modo aceito erra menos nas pontas do que cada modo recusado
    assert max(erros[m] for m in aceitos) < min(erros[m] for m in ("zeros", "circular"))
    # "circular ... entre os modos que copiam valores do sinal, o que mais se afasta"
    _diagnostico(nb01.ex5, "circular", "circular_mistura")
    assert erros["circular"] > max(erros["reflect"], erros["replicate"])
    _diagnostico(nb01.ex5, "zeros", "zeros_escurece")
    assert erros["zeros"] == max(erros.values())
    # "o preço sobe ao longo dos três meses"
    preco = _precos().flatten()
    assert preco[-5:].mean() > preco[:5].mean()


def test_nb01_ex6_a_referencia_contra_o_torch():
    y = nb01.conv1d_a_mao(X, W, 1)
    assert torch.equal(y, F.conv1d(X.reshape(1, 1, 7), W.reshape(1, 1, 3), padding=1).flatten())
    _certa(nb01.ex6, nb01.conv1d_a_mao)


# ---------------------------------------------------------------------------------- nb02

def test_nb02_previsoes_com_os_valores_da_licao():
    conv = nn.Conv1d(4, 5, 3, padding=1)
    _certa(nb02.q1, conv.weight.shape)
    _diagnostico(nb02.q1, tuple(conv(torch.randn(1, 4, 7)).shape), "forma_da_saida")
    _certa(nb02.q2, sum(p.numel() for p in nn.Conv2d(3, 16, 5).parameters()))
    _certa(nb02.q3, nn.Conv2d(4, 4, 3, groups=4, bias=False).weight.numel())
    _certa(nb02.q4, nn.Conv2d(3, 1, kernel_size=1, bias=False).weight.shape)
    _certa(nb02.ex1, sum(p.numel() for p in nn.Conv2d(3, 64, 3).parameters()))


def test_nb02_ex2_pede_um_valor_que_a_licao_nao_mostra():
    X0 = torch.arange(9.).reshape(3, 3)
    X = torch.stack([X0, X0 + 1])[None]                         # (1, 2, 3, 3)
    K = torch.tensor([[[[0., 1.], [2., 3.]], [[1., 2.], [3., 4.]]]])
    mostrada = F.conv2d(X, K)                                   # a saída da seção 2
    trocada = F.conv2d(X, K.flip(1))                            # fatias trocadas
    _certa(nb02.ex2, trocada[0, 0, 1, 1])
    _certa(nb02.ex2, int(trocada[0, 0, 1, 1]))
    assert int(trocada[0, 0, 1, 1]) not in mostrada.flatten().tolist()
    _diagnostico(nb02.ex2, mostrada[0, 0, 1, 1], "sem_trocar")
    parciais = [int(F.conv2d(X[:, c:c + 1], K.flip(1)[:, c:c + 1])[0, 0, 1, 1]) for c in range(2)]
    _diagnostico(nb02.ex2, parciais[0], "so_canal_0")
    _diagnostico(nb02.ex2, parciais[1], "so_canal_1")


def test_nb02_ex3_ex4_ex5_contra_o_torch():
    rgb = reais.foto(cinza=False)
    peso = torch.eye(3).flip(0).reshape(3, 3, 1, 1)
    assert torch.equal(F.conv2d(rgb[None], peso)[0, 0], rgb[2])          # canal 0 = azul
    _certa(nb02.ex3, peso)
    maior = max(g for g in range(1, 7) if 6 % g == 0 and 9 % g == 0)
    nn.Conv2d(6, 9, 3, groups=maior)
    _certa(nb02.ex4, maior)
    camada = nn.Conv1d(4, 4, 3, groups=2)
    x = torch.randn(1, 4, 8)
    outra = x.clone()
    outra[:, 2:] += 1.0
    with torch.no_grad():
        mudou = (camada(outra) - camada(x)).abs().amax(dim=(0, 2)) > 1e-6
    canais = mudou.nonzero().flatten().tolist()
    _certa(nb02.ex5, (canais[0], canais[-1]))


# ---------------------------------------------------------------------------------- nb03

def test_nb03_q6_o_passo_medido_na_foto():
    torch.manual_seed(0)
    foto = reais.foto()[None]
    com_passo = nn.Conv2d(1, 1, 3, stride=2, padding=1, padding_mode="circular")
    assert erro_equivariancia(com_passo, foto, (2, 2), (1, 1)) < 1e-6
    assert erro_equivariancia(com_passo, foto, (1, 1), (0, 0)) > 0.05   # o de 1 pixel não acompanha
    _certa(nb03.q6, 1)
    _diagnostico(nb03.q6, 2, "passo_ignorado")
    _diagnostico(nb03.q6, 0, "nao_equivariante")


def test_nb03_previsoes_com_os_valores_da_licao():
    x, w = X.reshape(1, 1, 7), W.reshape(1, 1, 3)
    y = F.conv1d(x, w, padding=1, stride=2)
    _certa(nb03.q1, y.shape[-1])
    _certa(nb03.q2, y.flatten())
    _certa(nb03.q2, y.flatten().tolist())
    _diagnostico(nb03.q2, F.conv1d(x, w, stride=2).flatten(), "padding_ignorado")
    conv = nn.Conv2d(1, 1, (3, 5), stride=(3, 4), padding=(0, 1))
    _certa(nb03.q3, conv(torch.zeros(1, 1, 8, 8)).shape[-2:])
    for pergunta, dilatacoes in ((nb03.q4, (1, 1, 1)), (nb03.q5, (1, 2, 4))):
        rede = nn.Sequential(*[nn.Conv1d(1, 1, 3, dilation=d, padding=d, bias=False)
                               for d in dilatacoes])
        for camada in rede:
            nn.init.constant_(camada.weight, 1.0)
        entrada = torch.zeros(1, 1, 41, requires_grad=True)
        rede(entrada)[0, 0, 20].backward()
        _certa(pergunta, int((entrada.grad != 0).sum()))


# ---------------------------------------------------------------------------------- nb04

def test_nb04_previsoes_com_os_valores_da_licao():
    peso = torch.arange(1., 55.).reshape(3, 2, 3, 3)
    M = matriz_conv2d(peso, (6, 6), stride=2, padding=1)
    _certa(nb04.q1, M.shape)
    vezes = torch.bincount(M[M != 0].long(), minlength=55)[1:].reshape(peso.shape)
    _certa(nb04.q2, (vezes[0, 0, 1, 1], vezes[0, 0, 0, 0]))
    x = torch.randint(0, 5, (2, 6, 6)).float()
    _certa(nb04.q3, F.unfold(x[None], kernel_size=3, padding=1, stride=2).shape)
    for eq in nb04.q2.equivocos:                # nenhum equívoco coincide com o que M mostra
        assert tuple(eq.valor) != (int(vezes[0, 0, 1, 1]), int(vezes[0, 0, 0, 0]))


def test_nb04_exercicios_com_os_valores_da_licao():
    M2 = matriz_conv2d(torch.randn(4, 3, 3, 3), (8, 8), stride=2, padding=1)
    _certa(nb04.ex2, (*M2.shape, int((M2 != 0).sum())))
    _certa(nb04.ex5, F.unfold(torch.randn(1, 2, 9, 9), 3, dilation=2).shape)
    for pergunta in (nb04.ex1, nb04.ex3, nb04.ex4):
        assert pergunta.conferir(pergunta.resposta).correta, pergunta.nome


@pytest.mark.parametrize("pergunta", [nb01.q2, nb01.q4, nb01.q5, nb01.ex3, nb01.ex5, nb02.ex2,
                                      nb03.q6], ids=lambda q: q.nome)
def test_diagnosticos_mudados_disparam_os_proprios(pergunta):
    for eq in pergunta.equivocos:
        assert pergunta.conferir(eq.valor).equivoco == eq.codigo
