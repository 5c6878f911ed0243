"""O estado dos exploradores, sem widgets: forma e recusa contra o torch, a janela destacada
contra a regra de índices e contra os valores que F.unfold lê, a fórmula e o resumo."""

import itertools

import pytest
import torch
import torch.nn.functional as F

from convaula.desenho.exploradores.estado import (EstadoConv1d, EstadoConv2d, EstadoPonteiro2D,
                                                  EstadoTransposta, criar_estado)


def _estado(classe, **valores):
    padrao = {"n": 7, "kernel_size": 3, "padding": 0, "stride": 1, "dilation": 1, "output_padding": 0}
    return criar_estado(classe, {nome: valores.get(nome, padrao[nome]) for nome in classe.parametros})


def _aceito_pelo_torch(chamada):
    try:
        return tuple(chamada().shape[2:])
    except RuntimeError:
        return None


GRADE_2D = {"n": [1, 4], "kernel_size": [2, 3], "padding": [0, 1], "stride": [1, 2], "dilation": [1, 3]}


def test_varredura_conv2d_forma_e_recusa_como_o_torch():
    estado, recusadas = _estado(EstadoConv2d), 0
    for valores in itertools.product(*GRADE_2D.values()):
        v = dict(zip(GRADE_2D, valores))
        estado.mudar(**v)
        k = v["kernel_size"]
        esperado = _aceito_pelo_torch(lambda: F.conv2d(torch.zeros(1, 1, v["n"], v["n"]), torch.zeros(1, 1, k, k),
                                                       stride=v["stride"], padding=v["padding"],
                                                       dilation=v["dilation"]))
        assert estado.forma_saida == esperado and (estado.mensagem != "") == (esperado is None), v
        estado.mover(10**6)  # recortada para a última posição, que sempre existe
        assert estado.posicao == estado.total_posicoes - 1
        recusadas += esperado is None
    assert recusadas > 0


def test_varredura_transposta_como_o_torch():
    estado = _estado(EstadoTransposta)
    grade = {"n": [1, 2], "kernel_size": [1, 3], "padding": [0, 2], "stride": [1, 2], "output_padding": [0, 1, 2]}
    for valores in itertools.product(*grade.values()):
        v = dict(zip(grade, valores))
        estado.mudar(**v)
        k = v["kernel_size"]
        esperado = _aceito_pelo_torch(lambda: F.conv_transpose2d(
            torch.zeros(1, 1, v["n"], v["n"]), torch.zeros(1, 1, k, k), stride=v["stride"], padding=v["padding"],
            output_padding=v["output_padding"]))
        assert estado.forma_saida == esperado, v
        assert estado.total_posicoes == (v["n"] ** 2 if esperado else 1)


@pytest.mark.parametrize("n,k,p,s,d", [(5, 3, 1, 2, 1), (7, 3, 0, 1, 2), (6, 2, 2, 3, 1)])
def test_janela_destacada_le_o_que_o_unfold_le(n, k, p, s, d):
    estado = _estado(EstadoConv2d, n=n, kernel_size=k, padding=p, stride=s, dilation=d)
    x, _ = estado.dados()
    xp = F.pad(x, (p, p, p, p))
    colunas = F.unfold(x[None, None], k, dilation=d, padding=p, stride=s)[0]  # (k·k, posições)
    for t in range(estado.total_posicoes):
        estado.mover(t)
        i, j = estado.celula_destacada
        assert (i, j) == divmod(t, estado.forma_saida[1])
        celulas = estado.celulas_janela()
        assert celulas == [(i * s + a * d, j * s + b * d) for a in range(k) for b in range(k)]
        assert torch.equal(torch.stack([xp[r, c] for r, c in celulas]), colunas[:, t])


def test_conv1d_celula_e_janela():
    estado = criar_estado(EstadoConv1d, {"n": 7, "kernel_size": 3, "padding": 1, "stride": 2, "dilation": 1},
                          entrada=torch.tensor([5.0, 4, 8, 7, 9, 3, 6]), peso=torch.tensor([1.0, 2, 3]))
    estado.mover(2)
    assert estado.celula_destacada == 2 and estado.celulas_janela() == [(4,), (5,), (6,)]
    assert estado.resumo() == ("Explorador conv1d: n=7, kernel_size=3, padding=1, stride=2, dilation=1 "
                               "→ saída 4")


def test_formula_resumo_e_recusa():
    estado = _estado(EstadoConv2d, n=8, padding=1, stride=2)
    assert "⌊(8 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1 = <b>4</b>" in estado.formula_html()
    assert estado.resumo().endswith("stride=2, dilation=1 → saída 4×4") and estado.aviso_html() == ""
    estado.mudar(n=3, padding=0, dilation=3)
    assert estado.recusado and estado.celula_destacada is None and estado.celulas_janela() == []
    assert "núcleo dilatado" in estado.mensagem and estado.mensagem in estado.aviso_html()
    assert "recusado" in estado.formula_html() and estado.resumo().endswith("→ configuração recusada")


def test_retangular_uma_linha_por_dimensao():
    x = torch.arange(42.0).reshape(6, 7)
    estado = criar_estado(EstadoConv2d, {"n": 7, "kernel_size": 3, "padding": 0, "stride": 1, "dilation": 1},
                          entrada=x, peso=torch.ones(2, 3))
    assert estado.forma_saida == tuple(F.conv2d(x[None, None], torch.ones(1, 1, 2, 3)).shape[2:])
    assert "W_out = ⌊(7 + 2·0 − 1·(3 − 1) − 1) / 1⌋ + 1 = <b>5</b>" in estado.formula_html()
    assert estado.resumo().startswith("Explorador conv2d: n=6×7, kernel_size=2×3,")


def test_transposta_espalha_onde_a_regra_manda():
    estado = _estado(EstadoTransposta, n=3, kernel_size=3, padding=1, stride=2)
    estado.mover(4)
    assert estado.celula_destacada == (1, 1)
    assert estado.celulas_janela() == [(2 + a, 2 + b) for a in range(3) for b in range(3)]


def test_valores_iniciais_conferidos():
    with pytest.raises(TypeError, match="stride deve ser um inteiro"):
        _estado(EstadoConv2d, stride=1.5)
    with pytest.raises(ValueError, match="padding deve ser >= 0"):
        _estado(EstadoTransposta, padding=-1)
    with pytest.raises(TypeError, match="entrada deve ser um torch.Tensor"):
        criar_estado(EstadoConv2d, {"n": 3, "kernel_size": 3, "padding": 0, "stride": 1, "dilation": 1},
                     entrada=[[1, 2], [3, 4]])


@pytest.mark.parametrize("n,k,p,s,d", [(5, 3, 1, 2, 1), (7, 2, 0, 1, 2), (6, 3, 2, 3, 1)])
def test_ponteiro_peso_compartilhado_e_o_gradiente_do_torch(n, k, p, s, d):
    """As células que um peso multiplica somam exatamente ∂(Σ y)/∂w[a, b] calculado pelo autograd."""
    estado = _estado(EstadoPonteiro2D, n=n, kernel_size=k, padding=p, stride=s, dilation=d)
    x, w = estado.dados()
    w = w.clone().requires_grad_(True)
    y = F.conv2d(x[None, None], w[None, None], stride=s, padding=p, dilation=d)[0, 0]
    assert torch.equal(estado.saida(), y.detach())
    y.sum().backward()
    xp = F.pad(x, (p, p, p, p))
    for a, b in itertools.product(range(k), range(k)):
        estado.destacar_peso((a, b))
        celulas = estado.celulas_do_peso()
        assert len(celulas) == y.numel()
        assert celulas == [(i * s + a * d, j * s + b * d) for i in range(y.shape[0]) for j in range(y.shape[1])]
        assert sum(xp[r, c].item() for r, c in celulas) == pytest.approx(w.grad[a, b].item())


def test_ponteiro_texto_mostra_a_soma_do_torch():
    estado = _estado(EstadoPonteiro2D, n=6, padding=1, stride=2)
    x, w = estado.dados()
    y = F.conv2d(x[None, None], w[None, None], stride=2, padding=1)[0, 0]
    estado.mover_para(2, 1)
    assert estado.celula_destacada == (2, 1)
    assert f"y[2, 1] = soma dos 9 produtos da janela = {int(y[2, 1].item())}" in estado.texto_ponteiro()
    estado.destacar_peso((0, 2))
    assert f"peso w[0, 2] = {int(w[0, 2].item())} multiplica {y.numel()} células" in estado.texto_ponteiro()
    estado.mudar(n=1, padding=0)  # recusada: nada destacado, nenhum texto
    estado.destacar_peso((0, 0))
    assert estado.peso_destacado is None and estado.texto_ponteiro() == "" and estado.celulas_do_peso() == []
