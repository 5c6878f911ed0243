"""O tipo Codigo: exceções, retornos errados, laços sem fim e casos determinísticos."""

import torch
import torch.nn.functional as F

from convaula.exercicios import Codigo, Equivoco, Pergunta


def _casos(gerador):
    return [(torch.randint(-3, 4, (int(torch.randint(4, 8, (1,), generator=gerador)),),
                           generator=gerador).float(),) for _ in range(4)]


def _pergunta(segundos=5.0):
    oraculo = lambda x: F.avg_pool1d(x[None], 2, 1)[0]  # noqa: E731
    return Pergunta("99", "ex1", "média móvel de 2", Codigo(oraculo, _casos, ("x",),
                    segundos=segundos), lambda x: (x[1:] + x[:-1]) / 2,
                    equivocos=[Equivoco("soma", "Somou sem dividir por 2.",
                                        lambda x: x[1:] + x[:-1])], dica="d", solucao="s")


def test_solucao_e_equivoco():
    q = _pergunta()
    assert q.conferir(q.resposta).correta
    assert q.conferir(q.equivocos[0].valor).equivoco == "soma"


def test_excecao_do_aluno_vira_frase_com_o_caso():
    q = _pergunta()
    primeiro = q.tipo.casos[0][0]

    def quebra(x):
        return x[100]

    resultado = q.conferir(quebra)
    assert resultado.situacao == "invalida"
    assert "levantou IndexError" in resultado.mensagem
    assert f"x=tensor({[int(v) for v in primeiro.tolist()]})".replace(" ", "") in \
        resultado.mensagem.replace(" ", "").replace("\n", "")
    assert "Traceback" not in resultado.mensagem


def test_funcao_so_com_reticencias_e_sem_resposta():
    def esboco(x):
        ...  # o que o notebook da lição traz

    assert _pergunta().conferir(esboco).situacao == "sem_resposta"


def test_retornos_errados_explicados():
    q = _pergunta()

    def sem_return(x):
        media = (x[1:] + x[:-1]) / 2  # noqa: F841

    assert "faltou o return" in q.conferir(sem_return).mensagem
    assert "esperava um tensor" in q.conferir(lambda x: "oi").mensagem
    forma = q.conferir(lambda x: x)
    assert forma.situacao == "errada" and "forma" in forma.mensagem
    valores = q.conferir(lambda x: (x[1:] + x[:-1]) / 2 + 1)
    assert valores.situacao == "errada" and "esperava tensor(" in valores.mensagem


def test_lista_no_lugar_de_tensor_e_aceita():
    q = _pergunta()
    assert q.conferir(lambda x: ((x[1:] + x[:-1]) / 2).tolist()).correta


def test_laco_sem_fim_e_interrompido():
    q = _pergunta(segundos=0.2)

    def infinito(x):
        while True:
            pass

    resultado = q.conferir(infinito)
    assert resultado.situacao == "invalida" and "passou de 0.2 s" in resultado.mensagem


def test_print_do_aluno_nao_aparece(capsys):
    q = _pergunta()

    def falante(x):
        print("depurando", x)
        return (x[1:] + x[:-1]) / 2

    q(falante)
    assert capsys.readouterr().out == "✓ nb99.ex1: correto!\n"


def test_alteracao_no_lugar_nao_estraga_os_casos():
    q = _pergunta()
    antes = [c[0].clone() for c in q.tipo.casos]

    def estraga(x):
        x.zero_()
        return x

    q.conferir(estraga)
    assert all(torch.equal(a, c[0]) for a, c in zip(antes, q.tipo.casos))


def test_casos_determinísticos():
    assert all(torch.equal(a[0], b[0]) for a, b in zip(_pergunta().tipo.casos, _pergunta().tipo.casos))


def test_nada_da_funcao_do_aluno_escapa():
    q = _pergunta()
    for erro, nome in ((lambda: 10**400 * 1.0, "OverflowError"), (lambda: exit(2), "SystemExit"),
                       (_levanta(KeyboardInterrupt), "KeyboardInterrupt"),
                       (_levanta(GeneratorExit), "GeneratorExit")):
        resultado = q.conferir(lambda x, erro=erro: erro())
        assert resultado.situacao == "invalida" and f"levantou {nome}" in resultado.mensagem
    assert q.conferir(lambda x: [10**400]).situacao == "invalida"


def _levanta(excecao):
    def f():
        raise excecao

    return f


def test_tempo_nao_e_engolido_por_except_exception():
    q = _pergunta(segundos=0.2)

    def engole(x):
        while True:
            try:
                sum(range(1000))
            except Exception:
                pass

    resultado = q.conferir(engole)
    assert resultado.situacao == "invalida" and "passou de 0.2 s" in resultado.mensagem


def test_funcao_que_so_imprime_nao_e_laco_sem_fim():
    q = _pergunta(segundos=5.0)

    def falante(x):
        while True:
            print("x" * 1000)

    resultado = q.conferir(falante)
    assert resultado.situacao == "invalida" and "imprimiu mais de" in resultado.mensagem
    assert "laço" not in resultado.mensagem


def test_saidas_medidas_noutro_processo():
    from convaula.exercicios.codigo import SaidasDeCodigo

    q = _pergunta()
    certas = [("ok", q.tipo.oraculo(*c).to(torch.float64)) for c in q.tipo.casos]
    assert q.conferir(SaidasDeCodigo(certas)).correta
    assert not q.conferir(SaidasDeCodigo(certas[:2])).correta  # faltam casos, sem falha
    r = q.conferir(SaidasDeCodigo([("excecao", ("ValueError", "ruim"))]))
    assert r.situacao == "invalida" and "levantou ValueError (ruim)" in r.mensagem
