"""O estado dos exploradores de tamanho, sem widgets: forma e recusa contra o torch, a janela
contra a regra de índices e contra F.unfold, a cena (o mapa saída → entradas e pesos, e o
inverso) contra o autograd, a fórmula e o resumo."""

import itertools

import pytest
import torch
import torch.nn.functional as F

from convaula.desenho.exploradores.tamanho import EstadoConv1d, EstadoConv2d, EstadoTransposta, criar_estado


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
    assert estado.linhas_formula() == ["H_out = W_out = ⌊(8 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1 = 4", "saída: 4×4"]
    assert estado.resumo().endswith("stride=2, dilation=1 → saída 4×4") and estado.mensagem == ""
    estado.mudar(n=3, padding=0, dilation=3)
    assert estado.recusado and estado.celula_destacada is None and estado.celulas_janela() == []
    assert "núcleo dilatado" in estado.mensagem and "n = 3, padding = 0" in estado.mensagem  # a notação do estudante
    assert "[0]" not in estado.mensagem
    assert estado.linhas_formula()[0].endswith("→ recusado") and estado.resumo().endswith("→ configuração recusada")
    cena = estado.cena()
    assert cena["mensagem"] == estado.mensagem and cena["passos"] == [] and "saida" not in [p["id"] for p in cena["paineis"]]


def test_retangular_uma_linha_por_dimensao():
    x = torch.arange(42.0).reshape(6, 7)
    estado = criar_estado(EstadoConv2d, {"n": 7, "kernel_size": 3, "padding": 0, "stride": 1, "dilation": 1},
                          entrada=x, peso=torch.ones(2, 3))
    assert estado.forma_saida == tuple(F.conv2d(x[None, None], torch.ones(1, 1, 2, 3)).shape[2:])
    assert "W_out = ⌊(7 + 2·0 − 1·(3 − 1) − 1) / 1⌋ + 1 = 5" in estado.linhas_formula()
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


def _paineis(cena):
    return {p["id"]: p for p in cena["paineis"]}


@pytest.mark.parametrize("n,k,p,s,d", [(5, 3, 1, 2, 1), (7, 2, 0, 1, 2), (6, 3, 2, 3, 1), (16, 7, 4, 1, 1)])
def test_cena_conv2d_contra_o_torch_e_o_autograd(n, k, p, s, d):
    """A cena: a saída é F.conv2d; o passo t lê as células que F.unfold lê, com os pesos na ordem;
    quem lê cada célula da entrada (o inverso que o navegador acende) é onde ∂y/∂x ≠ 0; as células
    de um peso somam ∂(Σ y)/∂w[a, b]."""
    estado = _estado(EstadoConv2d, n=n, kernel_size=k, padding=p, stride=s, dilation=d)
    x, w = estado.dados()
    xp = F.pad(x, (p, p, p, p)).requires_grad_(True)
    wg = w.clone().requires_grad_(True)
    y = F.conv2d(xp[None, None], wg[None, None], stride=s, dilation=d)[0, 0]
    cena = estado.cena()
    paineis = _paineis(cena)
    assert paineis["saida"]["textos"] == [f"{v:g}" for v in y.detach().reshape(-1).tolist()]
    assert paineis["entrada"]["linhas"] == n + 2 * p and sum(paineis["entrada"]["apagados"]) == (n + 2 * p) ** 2 - n * n
    colunas = F.unfold(x[None, None], k, dilation=d, padding=p, stride=s)[0]
    plano = xp.detach().reshape(-1)
    for t, passo in enumerate(cena["passos"]):
        assert passo["saida"] == [t] and passo["nucleo"] == list(range(k * k))
        assert torch.equal(plano[passo["entrada"]], colunas[:, t])
        estado.mover(t)
        r = paineis["entrada"]["colunas"]
        assert passo["entrada"] == [a * r + b for a, b in estado.celulas_janela()]  # a regra de convaula.janela
    # quem lê cada célula (o inverso que o navegador acende): onde o jacobiano ∂y/∂x não é zero
    jac = torch.autograd.functional.jacobian(
        lambda entrada: F.conv2d(entrada[None, None], w[None, None], stride=s, dilation=d)[0, 0].reshape(-1),
        xp.detach()).reshape(y.numel(), -1)
    for celula in [0, xp.numel() // 2, xp.numel() - 1, p * (n + 2 * p) + p]:
        lidas = {t for t, passo in enumerate(cena["passos"]) for m, c in enumerate(passo["entrada"])
                 if c == celula and w.reshape(-1)[m] != 0}
        assert lidas == set(torch.nonzero(jac[:, celula]).reshape(-1).tolist())
    y.sum().backward()
    for m in range(k * k):
        celulas = [passo["entrada"][m] for passo in cena["passos"]]
        assert plano[celulas].sum().item() == pytest.approx(wg.grad.reshape(-1)[m].item())


def test_cena_conv1d_e_conta():
    estado = criar_estado(EstadoConv1d, {"n": 7, "kernel_size": 3, "padding": 1, "stride": 2, "dilation": 1},
                          entrada=torch.tensor([5.0, 4, 8, 7, 9, 3, 6]), peso=torch.tensor([1.0, 2, 3]))
    cena = estado.cena()
    y = F.conv1d(torch.tensor([[[5.0, 4, 8, 7, 9, 3, 6]]]), torch.tensor([[[1.0, 2, 3]]]), padding=1, stride=2)[0, 0]
    assert _paineis(cena)["saida"]["textos"] == [f"{v:g}" for v in y.tolist()]
    assert cena["passos"][2]["entrada"] == [4, 5, 6] and cena["conta"]["dims"] == 1
    assert [c["travado"] != "" for c in cena["controles"]] == [True, True, False, False, False]


def test_cena_transposta_espalha_como_o_torch():
    estado = _estado(EstadoTransposta, n=3, kernel_size=3, padding=1, stride=2, output_padding=1)
    x, w = estado.dados()
    cena, cheia = estado.cena(), estado.saida_cheia()
    assert torch.equal(cheia[1:1 + estado.forma_saida[0], 1:1 + estado.forma_saida[1]], estado.saida())
    assert torch.equal(estado.saida(), F.conv_transpose2d(x[None, None], w[None, None], stride=2, padding=1,
                                                          output_padding=1)[0, 0])
    soma = torch.zeros(cheia.numel(), dtype=torch.float64)
    for t, passo in enumerate(cena["passos"]):  # cada entrada espalha x·w onde a cena diz
        soma[passo["saida"]] += x.reshape(-1)[t] * w.reshape(-1)[passo["nucleo"]]
    assert torch.allclose(soma, cheia.reshape(-1))
    assert sum(_paineis(cena)["saida"]["apagados"]) == cheia.numel() - estado.saida().numel()
