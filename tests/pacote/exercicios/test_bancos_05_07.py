"""Os conferidores dos notebooks 05 a 07 contra os números que as próprias lições calculam.

Para cada exercício: os valores da lição passam, cada resposta errada listada recebe o próprio
diagnóstico, e nenhum diagnóstico afirma o que as contas (feitas aqui com o torch) desmentem.
"""

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from convaula.autocodificador import CodificadorDecodificador
from convaula.exercicios import nb05, nb06, nb07
from convaula.transposta import (contagem_sobreposicao, deconvolucao, intensidade_xadrez,
                                 transposta_do_aumento)


def _situacao(q, resposta):
    r = q.conferir(resposta)
    return r.situacao, r.equivoco


def _miolo_constante(nucleo: torch.Tensor) -> torch.Tensor:
    saida = F.conv_transpose2d(torch.ones(1, 1, 6, 6, dtype=torch.float64),
                               nucleo.double().reshape(1, 1, 4, 4), stride=2, padding=1)
    return saida[0, 0, 1:-1, 1:-1]


# ---------------------------------------------------------------- notebook 05

def test_nb05_q4_contagens_da_licao():
    k3 = contagem_sobreposicao((4, 4), 3, stride=2)[2:-2, 2:-2]
    k4 = contagem_sobreposicao((4, 4), 4, stride=2, padding=1)[1:-1, 1:-1]
    assert len(k3.unique()) > 1 and len(k4.unique()) == 1
    assert nb05.q4.resposta == "so_k3"


def test_nb05_ex3_nucleos_da_licao():
    # o de uns e o núcleo equivalente ao vizinho mais próximo + conv 3×3, nos dois formatos
    torch.manual_seed(0)
    equivalente, q = transposta_do_aumento(torch.randn(1, 1, 3, 3), 2, padding=1)
    assert q == 1 and equivalente.shape == (1, 1, 4, 4)
    for certo in (torch.ones(4, 4), torch.ones(1, 1, 4, 4), equivalente, equivalente[0, 0]):
        assert nb05.ex3.conferir(certo).correta
        miolo = _miolo_constante(certo)                    # constante (a menos do float32) e não nulo
        assert miolo.max() - miolo.min() < 1e-6 * miolo.abs().max() and miolo.abs().max() > 1e-3
    # o peso sorteado da seção 6 (mesma semente) quadricula, e o diagnóstico diz por quê
    torch.manual_seed(0)
    sorteado = nn.ConvTranspose2d(1, 1, 4, stride=2, padding=1, bias=False).weight.detach()
    for errado in (sorteado, sorteado[0, 0], torch.eye(4)):
        assert _situacao(nb05.ex3, errado) == ("equivoco", "fases_desiguais")
        assert intensidade_xadrez(_miolo_constante(errado)) > 0.5


def test_nb05_ex3_fases_nulas_apagam_e_nulo():
    fases_nulas = next(e for e in nb05.ex3.equivocos if e.codigo == "fases_nulas").valor
    assert fases_nulas.abs().sum() > 0
    assert _miolo_constante(fases_nulas).abs().max() < 1e-12          # "apaga"
    assert _situacao(nb05.ex3, fases_nulas) == ("equivoco", "fases_nulas")
    assert _situacao(nb05.ex3, torch.zeros(1, 1, 4, 4)) == ("equivoco", "nucleo_nulo")
    assert nb05.ex3.conferir(torch.ones(3, 3)).situacao == "errada"   # forma de outro núcleo


@pytest.mark.parametrize("semente", [0, 1, 2])
def test_nb05_ex4_interpolacao_da_zero_e_transposta_nao(semente):
    cinza = torch.full((1, 1, nb05.LADO_CINZA, nb05.LADO_CINZA), 0.5)
    b = nb05.BORDA_CINZA
    medidas = {}
    for aumento in ("interpolacao", "transposta"):
        torch.manual_seed(semente)
        rede = CodificadorDecodificador(largura=8, aumento=aumento).eval()
        with torch.no_grad():
            medidas[aumento] = intensidade_xadrez(rede(cinza)[0, :, b:-b, b:-b])
    assert nb05.ex4.conferir(medidas["interpolacao"]).correta
    assert medidas["transposta"] > 0.01
    assert _situacao(nb05.ex4, medidas["transposta"]) == ("equivoco", "nao_zero")
    assert _situacao(nb05.ex4, -0.01) == ("equivoco", "negativa")


def test_nb05_ex5_erros_iguais_aos_da_deconvolucao():
    foto32, salva = nb05._problema_ex5()[:2]
    for lam in (1e-3, 0.02):
        direto = (deconvolucao(salva, nb05._DESFOQUE, (32, 32), padding=1, regularizacao=lam)
                  - foto32).abs().mean().item()
        assert abs(direto - nb05.erro_da_regularizacao(lam)) < 1e-9
    assert round(nb05.erro_da_regularizacao(1e-3), 3) == 0.013 and round(nb05.erro_da_desfocada(), 3) == 0.043


def test_nb05_ex5_julga_pelo_erro_medido():
    desfocada = nb05.erro_da_desfocada()
    assert nb05.ex5.conferir(1e-3).correta and nb05.ex5.conferir(1e-2).correta
    situacao, codigo = _situacao(nb05.ex5, 0.02)         # o caso que a lição mede: 0,022 < 0,043
    assert situacao == "equivoco" and codigo == "grande_longe_do_melhor"
    assert "pior" not in nb05.ex5.conferir(0.02).mensagem
    for lam in (1e-6, 1e-5, 1e-4, 1e-2, 0.02, 0.05, 0.1, 0.3, 1.0, 3.0):
        r = nb05.ex5.conferir(lam)
        erro = nb05.erro_da_regularizacao(lam)
        if r.equivoco and "pior_que_desfocada" in r.equivoco:
            assert erro >= desfocada, (lam, erro)
        if r.equivoco and "longe_do_melhor" in r.equivoco:
            assert erro < desfocada, (lam, erro)
        if r.correta:
            assert erro <= nb05.FOLGA_LAMBDA * min(map(nb05.erro_da_regularizacao, nb05.GRADE_LAMBDA))


# ---------------------------------------------------------------- notebook 06

def test_nb06_q2_comutam_por_eixos_separados_nao_sempre():
    torch.manual_seed(0)
    x = torch.randn(1, 1, 10, 10)
    coluna = torch.tensor([1., 2., 1.]).reshape(1, 1, 3, 1)
    linha = torch.tensor([1., 0., -1.]).reshape(1, 1, 1, 3)
    cl = F.conv2d(F.conv2d(x, coluna, padding=(1, 0)), linha, padding=(0, 1))
    lc = F.conv2d(F.conv2d(x, linha, padding=(0, 1)), coluna, padding=(1, 0))
    assert torch.allclose(cl, lc, atol=1e-6) and nb06.q2.resposta == "não"
    a, b = torch.randn(1, 1, 3, 1), torch.randn(1, 1, 3, 1)    # mesmo eixo, com zeros na borda
    ab = F.conv2d(F.conv2d(x, a, padding=(1, 0)), b, padding=(1, 0))
    ba = F.conv2d(F.conv2d(x, b, padding=(1, 0)), a, padding=(1, 0))
    assert (ab - ba).abs().max() > 1e-2                       # o que o diagnóstico afirma
    assert _situacao(nb06.q2, "sim") == ("equivoco", "linear_nao_comuta")


def test_nb06_ex1_formatos_da_licao():
    s_y = torch.outer(torch.tensor([1., 0., -1.]), torch.tensor([1., 2., 1.]))
    for certo in (-s_y, (-s_y)[None, None], (-s_y)[None]):
        assert nb06.ex1.conferir(certo).correta
    for errado in (s_y, s_y[None, None]):
        assert _situacao(nb06.ex1, errado) == ("equivoco", "sinal_trocado")
    degrau = nb06._degrau(True)
    assert F.conv2d(degrau, s_y[None, None].double()).min() < 0   # "negativo nessa borda"
    for errado in (s_y.T, -s_y.T[None, None]):
        assert _situacao(nb06.ex1, errado) == ("equivoco", "direcao_trocada")
        assert F.conv2d(degrau, errado.reshape(1, 1, 3, 3).double()).abs().max() < 1e-12
    assert nb06.ex1.conferir(torch.ones(1, 1, 3)).situacao == "errada"


# ---------------------------------------------------------------- notebook 07

def _linhas_lidas(k: int, s: int) -> torch.Tensor:
    x = torch.zeros(1, 1, 224, requires_grad=True)
    F.avg_pool1d(x, k, s).sum().backward()
    return x.grad[0, 0] != 0


def test_nb07_ex2_janelas_que_pulam_linhas():
    for certo in ((32, 32), (38, 31)):
        assert nb07.ex2.conferir(certo).correta
        assert nn.MaxPool2d(*certo)(torch.zeros(1, 1, 224, 224)).shape[-1] == 7
        assert bool(_linhas_lidas(*certo).all())
    for errado, codigo in (((1, 32), "janela_menor_que_passo"), ((7, 32), "janela_menor_que_passo"),
                           ((32, 31), "sobra_no_fim"), ((7, 7), "saida_no_lugar_da_janela")):
        assert _situacao(nb07.ex2, errado) == ("equivoco", codigo)
        if codigo != "saida_no_lugar_da_janela":
            assert nn.MaxPool2d(*errado)(torch.zeros(1, 1, 224, 224)).shape[-1] == 7
            assert not bool(_linhas_lidas(*errado).all())


def test_nb07_q4_campo_da_variante_pelo_gradiente():
    camadas = []
    for k, s, _ in nb07.LENET_C5_SOBREPOSTA:
        camadas.append(nn.Conv1d(1, 1, k, bias=False) if s == 1 else nn.AvgPool1d(k, s))
    rede = nn.Sequential(*camadas)
    for c in rede:
        if isinstance(c, nn.Conv1d):
            nn.init.constant_(c.weight, 1.0)
    x = torch.zeros(1, 1, 200, requires_grad=True)
    rede(x)[0, 0, 0].backward()
    assert nb07.q4.resposta == int((x.grad != 0).sum())
