"""Function words left out of a query's unquoted terms, in English, Spanish, French and
Portuguese, folded (no accents).

From the Snowball project's stop word lists (BSD licence), as PostgreSQL ships them in
tsearch_data/{english,spanish,french,portuguese}.stop. A word is left out when it is in
any of the four lists: "de" or "the" would otherwise match nearly every page. Kept out of
the list, because they mean something here: the Spanish "estado(s)" (state) and the
forms of "sentir" (sentido: sense, direction).
"""

_WORDS = """
a about above after again against ai aie aient aies ait al algo algunas algunos all am
an and ante antes any ao aos aquela aquelas aquele aqueles aquilo are as at ate au aura
aurai auraient aurais aurait auras aurez auriez aurions aurons auront aux avaient avais
avait avec avez aviez avions avons ayant ayante ayantes ayants ayez ayons be because
been before being below between both but by c can ce ces com como con contra cual cuando
d da dans das de del dela delas dele deles depois des desde did do does doing don donde
dos down du durante during e each el ela elas ele eles ella ellas elle ellos em en entre
era erais eram eramos eran eras eres es esa esas ese eso esos essa essas esse esses est
esta estaba estabais estabamos estaban estabas estad estais estamos estan estando estao
estar estara estaran estaras estare estareis estaremos estaria estariais estariamos
estarian estarias estas estava estavam estavamos este esteis esteja estejam estejamos
estemos esten estes esteve estive estivemos estiver estivera estiveram estiveramos
estiverem estivermos estivesse estivessem estivessemos esto estos estou estoy estuve
estuviera estuvierais estuvieramos estuvieran estuvieras estuvieron estuviese
estuvieseis estuviesemos estuviesen estuvieses estuvimos estuviste estuvisteis estuvo et
etaient etais etait etant etante etantes etants ete etee etees etes etiez etions eu eue
eues eumes eurent eus eusse eussent eusses eussiez eussions eut eutes eux few foi fomos
for fora foram foramos forem formos fosse fossem fossemos from fue fuera fuerais
fueramos fueran fueras fueron fuese fueseis fuesemos fuesen fueses fui fuimos fuiste
fuisteis fumes furent further fus fusse fussent fusses fussiez fussions fut futes ha
habeis habia habiais habiamos habian habias habida habidas habido habidos habiendo habra
habran habras habre habreis habremos habria habriais habriamos habrian habrias had haja
hajam hajamos han hao has hasta have havemos having hay haya hayais hayamos hayan hayas
he hei hemos her here hers herself him himself his houve houvemos houver houvera
houveram houveramos houverao houverei houverem houveremos houveria houveriam houveriamos
houvermos houvesse houvessem houvessemos how hube hubiera hubierais hubieramos hubieran
hubieras hubieron hubiese hubieseis hubiesemos hubiesen hubieses hubimos hubiste
hubisteis hubo i if il in into is isso isto it its itself j ja je just l la las le les
leur lhe lhes lo los lui m ma mais mas me meme mes mesmo meu meus mi mia mias minha
minhas mio mios mis moi mon more most mucho muchos muito muy my myself n na nada nao nas
ne nem ni no nor nos nosotras nosotros nossa nossas nosso nossos not notre nous now
nuestra nuestras nuestro nuestros num numa o of off on once only ont or os other otra
otras otro otros ou our ours ourselves out over own par para pas pela pelas pelo pelos
pero poco por porque pour qu qual quando que quem qui quien quienes s sa same sao se sea
seais seamos sean seas seja sejam sejamos sem sera serai seraient serais serait seran
serao seras sere serei sereis seremos serez seria seriais seriam seriamos serian serias
seriez serions serons seront ses seu seus she should si sin so sobre soient sois soit
some sommes somos son sont sou soy soyez soyons su sua suas such suis sur sus suya suyas
suyo suyos t ta tambem tambien tanto te tem temos tendra tendran tendras tendre tendreis
tendremos tendria tendriais tendriamos tendrian tendrias tened teneis tenemos tenga
tengais tengamos tengan tengas tengo tenha tenham tenhamos tenho tenia teniais teniamos
tenian tenias tenida tenidas tenido tenidos teniendo tera terao terei teremos teria
teriam teriamos tes teu teus teve than that the their theirs them themselves then there
these they this those through ti tiene tienen tienes tinha tinham tinhamos tive tivemos
tiver tivera tiveram tiveramos tiverem tivermos tivesse tivessem tivessemos to todo
todos toi ton too tu tua tuas tus tuve tuviera tuvierais tuvieramos tuvieran tuvieras
tuvieron tuviese tuvieseis tuviesemos tuviesen tuvieses tuvimos tuviste tuvisteis tuvo
tuya tuyas tuyo tuyos um uma un una under une uno unos until up very voce voces vos
vosostras vosostros votre vous vuestra vuestras vuestro vuestros was we were what when
where which while who whom why will with y ya yo you your yours yourself yourselves
"""
STOPWORDS = frozenset(_WORDS.split())
