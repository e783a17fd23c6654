/* dxgcap subcommands that live in their own files; each takes the arguments after its name. */
#ifndef DXGSCOPE_DXGCAP_CMDS_H
#define DXGSCOPE_DXGCAP_CMDS_H

/* dxgcap abi [--vmbus | --buffers]: print the ABI tables as TSV; 2 on a bad argument. */
int dxgcap_cmd_abi(int argc, char **argv);

#endif
