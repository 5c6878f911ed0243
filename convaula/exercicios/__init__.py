"""Exercícios conferidos: o aluno responde, o pacote diz se acertou e, se não, por quê.

No notebook
-----------
::

    from convaula.exercicios import nb03

    resposta = ...          # o aluno troca o ... pela resposta
    nb03.q1(resposta)       # ✓ correto / ✗ diagnóstico do equívoco / … ainda sem resposta
    nb03.q1.dica()
    nb03.q1.solucao()

Como acrescentar uma pergunta (guia para quem escreve os notebooks)
--------------------------------------------------------------------
1. Abra o módulo do seu notebook, ``nbNN.py`` (01 a 09; 07 = subamostragem, 08 = LeNet, 09 = redes de hoje).
   O nome da variável é o id da pergunta: ``q1 = ...`` (prompts "Preveja, depois confira"
   em ordem: q1, q2...; exercícios do fim: ex1, ex2...).
2. Se a pergunta é um tamanho, forma de pesos, número de parâmetros ou campo receptivo,
   use um construtor pronto, que já traz resposta, equívocos, dica e solução::

       q1 = prontas.tamanho_conv("03", "q1", "Saída com n=7, k=3, p=1, s=2?", 7, 3,
                                 stride=2, padding=1)

   (também ``tamanho_transposta``, ``tamanho_pool``, ``forma_pesos``, ``numero_parametros``,
   ``campo_receptivo``).
3. Senão, monte uma ``Pergunta`` com um tipo de resposta (``Inteiro()``, ``Tupla(n)``,
   ``Real(rtol)``, ``Tensor()``, ``Alternativa("a", "b")``, ``Codigo(oraculo, casos, nomes)``),
   a resposta de referência **calculada** (nunca um número copiado), os equívocos e os
   textos. Cada ``Equivoco(codigo, diagnostico, valor)`` traz o valor errado que aquele
   raciocínio produz nesta pergunta (ou uma função errada, em perguntas de código);
   a biblioteca ``equivocos`` já calcula os típicos. Escolha os números da pergunta de modo
   que equívocos diferentes deem valores diferentes; ``prontas.filtrar`` junta os que
   coincidem (a mensagem nomeia os dois).
4. Perguntas de projeto com várias respostas certas passam ``aceitar=predicado`` (sobre a
   resposta normalizada); ``resposta`` continua sendo uma resposta aceita.
5. Na lição, a célula de resposta traz ``resposta = ...`` (ou, para código, um esboço
   ``def f(x, w):`` com corpo ``...``, que também conta como "ainda sem resposta") seguido
   de ``nbNN.qK(resposta)``. Na solução do notebook, chame a mesma pergunta com a resposta
   calculada (o nbval prova que ela é aceita). ``explicar=funcao`` dá uma frase sob medida
   para respostas erradas sem equívoco conhecido.
6. Os testes de ``tests/pacote/exercicios`` percorrem todas as perguntas de todos os
   módulos: a referência passa, cada equívoco dispara a própria mensagem, 20 respostas
   erradas aleatórias são recusadas, tipos errados não levantam. Os testes lentos executam,
   com ``corrigir``, a lição (tudo "sem resposta") e a solução (tudo correto) de cada
   notebook que tem perguntas: toda pergunta do banco precisa ser chamada nos dois.

Tudo o que é impresso é determinístico (o nbval compara). No notebook, ``nbNN.qK(x)`` só
imprime o veredito; ``python3 curso.py corrigir`` (``convaula.exercicios.corrigir``) executa
cada entrega numa caixa de areia, recebe de volta só os valores das respostas e confere no
próprio processo.

Módulos: ``base`` (Pergunta, Equivoco, Resultado), ``tipos`` e ``codigo`` (tipos de
resposta), ``equivocos`` (biblioteca de erros típicos), ``prontas`` (construtores),
``registro`` (descoberta das perguntas), ``nb01`` a ``nb09``; para a correção do professor,
``corrigir``, ``licoes`` (qual lição, células de conferência), ``valores`` (o canal em JSON),
``caixa`` (a caixa de areia) e ``execucao`` (o que roda dentro dela).
"""

from .base import Equivoco, Pergunta, Resultado
from .codigo import Codigo
from .registro import perguntas
from .tipos import Alternativa, Inteiro, Real, Tensor, Tupla

__all__ = ["Alternativa", "Codigo", "Equivoco", "Inteiro", "Pergunta", "Real", "Resultado",
           "Tensor", "Tupla", "perguntas"]
