"""A pergunta conferida: resposta de referência, equívocos diagnosticados, dica e solução.

``Pergunta`` é o único objeto que os notebooks usam: ``q(resposta)`` imprime o veredito,
``q.dica()`` e ``q.solucao()`` imprimem textos fixos. Tudo o que é impresso é determinístico
(o nbval compara as saídas). O *tipo* da resposta (``convaula.exercicios.tipos``) sabe
normalizar, comparar e explicar; a pergunta só decide o veredito, e nada que a resposta faça
(uma exceção qualquer, um número grande demais) escapa de ``conferir``. O veredito nunca é
gravado pelo notebook: a correção do professor (``convaula.exercicios.corrigir``) chama
``conferir`` no próprio processo, com os valores que o notebook entregou. Notebooks 01 a 09.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any, Callable, Optional

from .tipos import RespostaInvalida, Tipo

LARGURA = 100

__all__ = ["Equivoco", "Pergunta", "Resultado", "sem_resposta"]


@dataclass(frozen=True)
class Equivoco:
    """Um erro típico: código estável, diagnóstico em português e um exemplo que o provoca.

    ``valor`` é a resposta (errada) que esse equívoco produz nesta pergunta — para perguntas
    de código, uma função errada. ``predicado``, se dado, reconhece o equívoco numa resposta
    já normalizada (para equívocos com muitas respostas possíveis); ``valor`` continua
    obrigatório, porque os testes o usam como exemplo. Com ``cru=True`` o predicado recebe a
    resposta como veio, antes de normalizar (por exemplo, um tamanho não inteiro, 16.5, que
    o tipo ``Inteiro`` recusaria).
    """

    codigo: str
    diagnostico: str
    valor: Any
    predicado: Optional[Callable[[Any], bool]] = None
    cru: bool = False


def juntar(equivocos: list[Equivoco]) -> Equivoco:
    """Vários equívocos que dão o mesmo valor viram um só, que nomeia todos (``a/b``)."""
    if len(equivocos) == 1:
        return equivocos[0]
    texto = " Ou: ".join(e.diagnostico for e in equivocos)
    return Equivoco("/".join(e.codigo for e in equivocos),
                    f"Dois raciocínios errados dão esse valor. {texto}" if len(equivocos) == 2
                    else f"Vários raciocínios errados dão esse valor. {texto}",
                    equivocos[0].valor, equivocos[0].predicado, equivocos[0].cru)


@dataclass(frozen=True)
class Resultado:
    """O veredito de uma conferência (``Pergunta.conferir``), sem nada impresso.

    ``situacao`` é ``"correta"``, ``"equivoco"``, ``"errada"``, ``"invalida"`` ou
    ``"sem_resposta"``; ``equivoco`` é o código do equívoco reconhecido (ou ``None``).
    """

    notebook: str
    pergunta: str
    situacao: str
    mensagem: str
    equivoco: Optional[str] = None

    @property
    def correta(self) -> bool:
        return self.situacao == "correta"

    @property
    def respondida(self) -> bool:
        return self.situacao != "sem_resposta"

    def __str__(self) -> str:
        return self.mensagem


def _vazia(*args: Any) -> None:
    ...


def sem_resposta(resposta: Any) -> bool:
    """``...`` (o que o notebook traz), ``None`` e uma função cujo corpo é só ``...`` (ou
    ``pass``) contam como "ainda sem resposta"."""
    if resposta is ... or resposta is None or getattr(resposta, "vazia", False) is True:
        return True
    codigo = getattr(resposta, "__code__", None)
    return codigo is not None and getattr(codigo, "co_code", None) == _vazia.__code__.co_code


def _paragrafos(texto: str) -> str:
    return "\n".join(textwrap.fill(p, LARGURA) for p in texto.strip().split("\n"))


class Pergunta:
    """Uma pergunta de notebook com resposta conferida e diagnóstico dos erros típicos.

    Parâmetros
    ----------
    notebook : número do notebook, ``"03"``.
    id : nome da pergunta no módulo do notebook, ``"q1"`` (o mesmo nome do atributo).
    enunciado : a pergunta numa frase (aparece na solução e no relatório do professor).
    tipo : como ler e comparar a resposta: ``Inteiro()``, ``Tupla(4)``, ``Real()``,
        ``Tensor()``, ``Alternativa(...)``, ``Codigo(...)``.
    resposta : a resposta de referência (para ``Codigo``, a função de referência).
    equivocos : os erros típicos, na ordem de prioridade (o primeiro que casar vence).
    dica, solucao : textos curtos; a solução mostra também a resposta de referência.
    aceitar : para perguntas de projeto com várias respostas certas, um predicado sobre a
        resposta normalizada; ``resposta`` continua sendo uma resposta aceita.
    explicar : ``explicar(valor) -> str``, uma frase sobre uma resposta errada sem equívoco
        conhecido (por exemplo, "com esses valores a saída teria 8"); o padrão é o do tipo.
    """

    def __init__(self, notebook: str, id: str, enunciado: str, tipo: Tipo, resposta: Any,
                 equivocos: tuple[Equivoco, ...] | list[Equivoco] = (), dica: str = "",
                 solucao: str = "", aceitar: Optional[Callable[[Any], bool]] = None,
                 explicar: Optional[Callable[[Any], str]] = None) -> None:
        self.notebook, self.id, self.enunciado = notebook, id, enunciado
        self.tipo, self.resposta, self.equivocos = tipo, resposta, tuple(equivocos)
        self._dica, self._solucao, self._aceitar = dica, solucao, aceitar
        self._explicar, self._referencia = explicar, None
        self._valores_dos_equivocos: Optional[list] = None

    @property
    def nome(self) -> str:
        """Como o aluno chama a pergunta: ``nb03.q1``."""
        return f"nb{self.notebook}.{self.id}"

    def _ref(self) -> Any:
        if self._referencia is None:
            self._referencia = self.tipo.referencia(self.resposta)
        return self._referencia

    def _certa(self, valor: Any) -> bool:
        if self._aceitar is not None:
            return bool(self._aceitar(valor))
        return self.tipo.igual(valor, self._ref())

    def _normalizados(self) -> list:
        """O valor normalizado de cada equívoco, calculado uma vez (com o código do banco)."""
        if self._valores_dos_equivocos is None:
            self._valores_dos_equivocos = [
                None if eq.predicado is not None else self.tipo.normalizar(eq.valor)
                for eq in self.equivocos]
        return self._valores_dos_equivocos

    def _equivoco(self, valor: Any) -> Optional[Equivoco]:
        for eq, normal in zip(self.equivocos, self._normalizados()):
            if eq.cru:
                continue
            casou = eq.predicado(valor) if eq.predicado is not None else self.tipo.igual(valor, normal)
            if casou:
                return eq
        return None

    def _equivoco_cru(self, resposta: Any) -> Optional[Equivoco]:
        for eq in self.equivocos:
            if eq.cru and eq.predicado is not None:
                try:
                    if eq.predicado(resposta):
                        return eq
                except Exception:  # noqa: BLE001 — um predicado não decide sobre lixo
                    continue
        return None

    def _resultado(self, situacao: str, texto: str, equivoco: Optional[str] = None) -> Resultado:
        return Resultado(self.notebook, self.id, situacao, _paragrafos(texto), equivoco)

    def conferir(self, resposta: Any) -> Resultado:
        """Confere sem imprimir nada; nunca levanta exceção por causa da resposta."""
        try:
            return self._conferir(resposta)
        except RespostaInvalida as erro:
            return self._resultado("invalida", f"⚠ {self.nome}: {erro}")
        except Exception as erro:  # noqa: BLE001 — nada que a resposta provoque escapa
            return self._resultado("invalida", f"⚠ {self.nome}: não consegui conferir essa "
                                   f"resposta ({type(erro).__name__}); confira o tipo pedido.")

    def _conferir(self, resposta: Any) -> Resultado:
        if sem_resposta(resposta):
            return self._resultado(
                "sem_resposta", f"… {self.nome}: ainda sem resposta; troque o ... pela "
                f"resposta e rode a célula (pista: {self.nome}.dica()).")
        cru = self._equivoco_cru(resposta)
        if cru is not None:
            return self._resultado("equivoco", f"✗ {self.nome}: ainda não. {cru.diagnostico}",
                                   cru.codigo)
        valor = self.tipo.normalizar(resposta)
        if self._certa(valor):
            return self._resultado("correta", f"✓ {self.nome}: correto!")
        eq = self._equivoco(valor)
        if eq is not None:
            return self._resultado("equivoco", f"✗ {self.nome}: ainda não. {eq.diagnostico}",
                                   eq.codigo)
        diferenca = (self._explicar(valor) if self._explicar is not None
                     else self.tipo.explicar(valor, self._ref()))
        texto = f"✗ {self.nome}: ainda não. {diferenca + ' ' if diferenca else ''}"
        return self._resultado("errada", texto + f"Dica: {self._dica}")

    def __call__(self, resposta: Any) -> None:
        """Confere e imprime o veredito."""
        print(self.conferir(resposta).mensagem)

    def dica(self) -> None:
        """Imprime a dica."""
        print(_paragrafos(f"Dica ({self.nome}): {self._dica}"))

    def solucao(self) -> None:
        """Imprime a solução comentada e a resposta de referência."""
        print(_paragrafos(f"Solução ({self.nome}): {self._solucao}"))
        print(f"Resposta: {self.tipo.formatar(self.resposta)}")

    def __repr__(self) -> str:
        return f"<Pergunta {self.nome}: {self.enunciado}>"
